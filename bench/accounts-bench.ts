import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import type { AppContext } from "../src/platform/app/context.js";
import { ruleActor } from "../src/platform/timeline/actor.js";
import { listAccounts, type ListAccountsOptions } from "../src/domains/accounts/list-accounts.js";
import { evaluateAllStages } from "../src/domains/lifecycle/evaluate-all-stages.js";
import { onEachEngine, type BenchEngine } from "./bench-engines.js";

/**
 * Issue 5 benchmarks:
 * - accounts list (filter + sort + page) p95 latency over a mix of real list queries, through the
 *   use case the route calls (listAccounts: page, people, open-task counts, total), against
 *   100,000 accounts and 1,000,000 tasks on PostgreSQL and 10,000 accounts (100,000 tasks) on
 *   PGlite. Baseline: p95 of the bare "first page by name" SELECT on the same table, same run.
 * - the daily lifecycle evaluation (L.evaluate's evaluateAllStages) over every in-book account.
 *   Baseline: a bare SELECT of the columns it reads, same run.
 */
export interface AccountsRow {
  bench: string;
  engine: "pglite" | "postgres";
  value: number;
  unit: string;
  baseline: number;
  target?: string;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)] ?? NaN;

const SEGMENTS = ["Strategic", "Enterprise", "Mid-Market", "SMB", "Scaled Success"];
const STAGES = ["0. Prospect", "1. Onboarding", "2. Adopting", "3. Nurturing", "4. Renewing"];

/** Accounts, owners and tasks made by set-based SQL (the use cases would take hours for a million tasks). */
export async function seed(ctx: AppContext, accounts: number, tasks: number): Promise<string[]> {
  const now = ctx.clock.now();
  await sql`
    insert into users (id, email, name, role, active, created_at, updated_at)
    select gen_random_uuid(), 'owner' || i || '@bench.local', 'Owner ' || i, (array['ae','ce','ta'])[1 + i % 3], true, ${now}, ${now}
    from generate_series(1, 60) i`.execute(ctx.db);
  const owners = (await ctx.db.selectFrom("users").select(["id", "role"]).where("email", "like", "owner%@bench.local").execute());
  const ids = (role: string) => owners.filter((o) => o.role === role).map((o) => o.id);
  const [ae, ce, ta] = [ids("ae"), ids("ce"), ids("ta")];
  await sql`
    insert into accounts (id, name, domain, customer, strategic, account_type, arr, seats, developers,
      expected_close_date, closed_on, contract_start, contract_end, deployment, ae_user_id, ce_user_id, ta_user_id,
      ta_support_level, in_book_at, segment, segment_reason, coverage, stage, stage_reason, stage_since,
      usage_mau, usage_mau_per_seat, usage_dau_per_mau, usage_at, created_at, updated_at)
    select gen_random_uuid(), 'Company ' || i, 'company' || i || '.example', i % 5 <> 0, i % 50 = 0,
      case when i % 5 = 0 then 'Prospect' else 'Customer' end,
      (i * 7919) % 900000 + 10000, (i * 31) % 2000 + 10, (i * 17) % 4000 + 5,
      date '2026-01-01' + (i % 700), case when i % 5 = 0 then null else date '2025-06-01' + (i % 500) end,
      case when i % 5 = 0 then null else date '2025-06-01' + (i % 500) end,
      case when i % 5 = 0 then null else date '2026-06-01' + (i % 500) end,
      case when i % 3 = 0 then 'cloud_managed' else 'self_hosted' end,
      (${ae}::uuid[])[1 + i % ${ae.length}], (${ce}::uuid[])[1 + i % ${ce.length}], (${ta}::uuid[])[1 + i % ${ta.length}],
      'Dedicated TA', ${now}, (${SEGMENTS}::text[])[1 + i % 5], 'bench', 'Enterprise coverage',
      (${STAGES}::text[])[1 + i % 5], 'bench', ${now},
      (i * 13) % 900, ((i * 37) % 120) / 100.0, ((i * 11) % 60) / 100.0, ${now}, ${now}, ${now}
    from generate_series(1, ${accounts}::int) i`.execute(ctx.db);
  const accountIds = (await ctx.db.selectFrom("accounts").select("id").orderBy("id").execute()).map((a) => a.id);
  await sql`
    insert into tasks (id, title, status, position, assignee_user_id, due_on, account_id, subject_type, subject_id, source, created_by, created_at, updated_at)
    select gen_random_uuid(), 'Task ' || i, (array['todo','in_progress','under_review','completed'])[1 + i % 4], i,
      (${[...ae, ...ce, ...ta]}::uuid[])[1 + i % ${owners.length}], date '2026-11-01' + (i % 90),
      a.id, 'account', a.id::text, 'bench', 'bench', ${now}, ${now}
    from generate_series(1, ${tasks}::int) i
    join lateral (select (${accountIds}::uuid[])[1 + i % ${accountIds.length}] as id) a on true`.execute(ctx.db);
  await sql`analyze`.execute(ctx.db);
  return [...ae, ...ta];
}

export function queries(owners: string[]): ListAccountsOptions[] {
  const base = { sort: "name" as const, dir: "asc" as const, limit: 50, offset: 0 };
  return [
    base,
    { ...base, segment: "Enterprise", sort: "arr", dir: "desc" },
    { ...base, stage: "2. Adopting", owner: owners[0] ?? "", sort: "renewal" },
    { ...base, renewalFrom: "2026-12-01", renewalTo: "2027-03-31", sort: "renewal" },
    { ...base, usage: "under50", sort: "usage" },
    { ...base, q: "company 123", sort: "name" },
    { ...base, arrMin: 100000, arrMax: 500000, sort: "arr", dir: "desc", offset: 500 },
    { ...base, inBook: true, sort: "updated", dir: "desc" },
  ] as ListAccountsOptions[];
}

async function measure(engine: "pglite" | "postgres", ctx: AppContext, accounts: number, tasks: number, rounds: number): Promise<AccountsRow[]> {
  const owners = await seed(ctx, accounts, tasks);
  const mix = queries(owners);
  for (const q of mix) await listAccounts(ctx, q); // warm caches and plans
  const ours: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of mix) {
      const t0 = performance.now();
      await listAccounts(ctx, q);
      ours.push(performance.now() - t0);
      const t1 = performance.now();
      await sql`select id, name from accounts order by lower(name), id limit 50`.execute(ctx.db);
      bare.push(performance.now() - t1);
    }
  }
  const label = `${accounts / 1000}k_accounts_${tasks / 1000}k_tasks`;
  const rows: AccountsRow[] = [
    { bench: `accounts_list_p95_${label}`, engine, value: percentile(ours, 0.95), unit: "ms", baseline: percentile(bare, 0.95), target: "value < 100" },
  ];
  // L.evaluate over the whole book: first run writes every usage snapshot and stage; the second is the steady daily run.
  const actor = ruleActor("L.evaluate", ctx.packs.current().version);
  const runs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    await ctx.db.transaction().execute((trx) => evaluateAllStages(trx, ctx, actor));
    runs.push(performance.now() - t0);
  }
  const t0 = performance.now();
  await sql`select id, in_book_at, closed_on, contract_end, seats, stage, stage_override, targets_met_at from accounts where in_book_at is not null and archived_at is null`.execute(ctx.db);
  const bareRead = performance.now() - t0;
  rows.push({ bench: `lifecycle_evaluation_first_${accounts / 1000}k_accounts`, engine, value: runs[0] ?? NaN, unit: "ms", baseline: bareRead, ...(engine === "postgres" ? { target: "value < 10000" } : {}) });
  rows.push({ bench: `lifecycle_evaluation_daily_${accounts / 1000}k_accounts`, engine, value: runs[1] ?? NaN, unit: "ms", baseline: bareRead, ...(engine === "postgres" ? { target: "value < 10000" } : {}) });
  return rows;
}

export function benchAccounts(o: { postgresUrl: string | undefined; quick: boolean }): Promise<AccountsRow[]> {
  const rounds = o.quick ? 5 : 30;
  const accounts = (engine: BenchEngine): number => (engine === "postgres" ? (o.quick ? 10_000 : 100_000) : o.quick ? 2_000 : 10_000);
  const tasks = (engine: BenchEngine): number => (engine === "postgres" ? (o.quick ? 100_000 : 1_000_000) : o.quick ? 20_000 : 100_000);
  return onEachEngine("accounts", o.postgresUrl, (engine, ctx) => measure(engine, ctx, accounts(engine), tasks(engine), rounds));
}
