import { sql, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { ACCOUNT_SUBJECT } from "../accounts/account-records.js";
import { accountUsage, usageSnapshot } from "./account-usage.js";
import { stageSummary } from "./set-stage.js";
import { planChanges, planStage, type StagePlan } from "./stage-plan.js";

/** Rows per write statement: large enough to amortise the round trip, small enough for one JSON parameter. */
export const STAGE_WRITE_BATCH = 5000;

export interface EvaluateAllResult {
  evaluated: number;
  /** Accounts whose row was written (usage, latch or stage). */
  written: number;
  stageChanges: number;
  /** Rows changed by someone else between the read and the write: left for the next evaluation. */
  skipped: number;
}

/**
 * L.evaluate: every account in the book (not archived), set-based. Usage for all of them in
 * one aggregate statement, the stage rules in memory (stage-plan.ts, the same as the
 * single-account path), then only the changed rows written, STAGE_WRITE_BATCH at a time, each
 * batch one statement that updates the accounts and inserts their history, timeline and audit
 * rows. A row is written only if it is still the version that was read (xmin): a concurrent
 * use case wins and the next evaluation sees its result. Uses only `trx`.
 */
export async function evaluateAllStages(trx: Transaction<Database>, ctx: AppContext, actor: Actor): Promise<EvaluateAllResult> {
  const { evaluated, changed } = await planAllStages(trx, ctx);
  return { evaluated, ...(await writeStagePlans(trx, changed, ctx.clock.now(), actor)) };
}

/** A plan with the row version (xmin) it was decided from. */
export interface VersionedPlan {
  plan: StagePlan;
  version: string;
}

/** Reads the book and its usage (two statements) and decides every account in memory; returns the plans that change something. */
export async function planAllStages(trx: Transaction<Database>, ctx: AppContext): Promise<{ evaluated: number; changed: VersionedPlan[] }> {
  const today = utcDateKey(ctx.clock.now());
  const pack = ctx.packs.current();
  // A once-a-day pass over the whole book: memory to aggregate the rollups without spilling to
  // disk, and no JIT (compiling these plans costs seconds and saves less).
  await sql`set local work_mem = '64MB'`.execute(trx);
  await sql`set local jit = off`.execute(trx);
  const rows = await trx
    .selectFrom("accounts")
    .select([
      "id",
      "in_book_at",
      "closed_on",
      "contract_end",
      "targets_met_at",
      "seats",
      "stage",
      "stage_reason",
      "stage_override",
      "stage_override_reason",
      "stage_override_by",
      "usage_mau",
      "usage_dau_avg",
      "usage_mau_per_seat",
      "usage_dau_per_mau",
      "usage_at",
      sql<string>`xmin::text`.as("version"),
    ])
    .where("in_book_at", "is not", null)
    .where("archived_at", "is", null)
    .execute();
  const usage = await accountUsage(trx, ctx);
  const changed: VersionedPlan[] = [];
  for (const row of rows) {
    const plan = planStage(pack, row, usageSnapshot(usage.get(row.id), row.seats), today);
    if (plan && planChanges(plan)) changed.push({ plan, version: row.version });
  }
  return { evaluated: rows.length, changed };
}

/** Writes the plans STAGE_WRITE_BATCH at a time; a row whose version moved since it was read is skipped. */
export async function writeStagePlans(trx: Transaction<Database>, changed: readonly VersionedPlan[], now: Date, actor: Actor): Promise<Omit<EvaluateAllResult, "evaluated">> {
  const result = { written: 0, stageChanges: 0, skipped: 0 };
  for (let i = 0; i < changed.length; i += STAGE_WRITE_BATCH) {
    const batch = changed.slice(i, i + STAGE_WRITE_BATCH);
    const written = await writeBatch(trx, batch, now, actor);
    result.written += written.accounts;
    result.stageChanges += written.stages;
    result.skipped += batch.length - written.accounts;
  }
  return result;
}

interface BatchRow {
  id: string;
  version: string;
  set_usage: boolean;
  usage_mau: number | null;
  usage_dau_avg: number | null;
  usage_mau_per_seat: number | null;
  usage_dau_per_mau: number | null;
  latch: boolean;
  stage_changed: boolean;
  from_stage: string | null;
  to_stage: string | null;
  reason: string | null;
  summary: string | null;
}

function batchRow({ plan, version }: VersionedPlan): BatchRow {
  const u = plan.usage ?? null;
  const s = plan.stage;
  return {
    id: plan.accountId,
    version,
    set_usage: plan.usage !== undefined,
    usage_mau: u?.mau ?? null,
    usage_dau_avg: u?.dauAvg ?? null,
    usage_mau_per_seat: u?.mauPerSeat ?? null,
    usage_dau_per_mau: u?.dauPerMau ?? null,
    latch: plan.latchTargets,
    stage_changed: s !== undefined,
    from_stage: s?.from ?? null,
    to_stage: s?.to ?? null,
    reason: s?.reason ?? null,
    summary: s ? stageSummary(s.from, s.to, s.reason) : null,
  };
}

/** One statement: the accounts update (version-checked) and, for rows whose stage moved and were written, history + timeline + audit. */
async function writeBatch(trx: Transaction<Database>, batch: readonly VersionedPlan[], now: Date, actor: Actor): Promise<{ accounts: number; stages: number }> {
  const a = actorColumns(actor);
  const json = JSON.stringify(batch.map(batchRow));
  const r = await sql<{ accounts: number; stages: number }>`
    with v as (
      select * from jsonb_to_recordset(${json}::jsonb) as v(
        id uuid, version text, set_usage boolean, usage_mau integer, usage_dau_avg float8, usage_mau_per_seat float8,
        usage_dau_per_mau float8, latch boolean, stage_changed boolean, from_stage text, to_stage text, reason text, summary text)
    ),
    upd as (
      update accounts a set
        usage_mau = case when v.set_usage then v.usage_mau else a.usage_mau end,
        usage_dau_avg = case when v.set_usage then v.usage_dau_avg else a.usage_dau_avg end,
        usage_mau_per_seat = case when v.set_usage then v.usage_mau_per_seat else a.usage_mau_per_seat end,
        usage_dau_per_mau = case when v.set_usage then v.usage_dau_per_mau else a.usage_dau_per_mau end,
        usage_at = case when not v.set_usage then a.usage_at when v.usage_mau is null then null else ${now}::timestamptz end,
        targets_met_at = case when v.latch then coalesce(a.targets_met_at, ${now}::timestamptz) else a.targets_met_at end,
        stage = case when v.stage_changed then v.to_stage else a.stage end,
        stage_reason = case when v.stage_changed then v.reason else a.stage_reason end,
        stage_since = case when v.stage_changed then ${now}::timestamptz else a.stage_since end,
        updated_at = case when v.stage_changed then ${now}::timestamptz else a.updated_at end
      from v
      where a.id = v.id and a.xmin::text = v.version
      returning a.id
    ),
    moved as (select v.* from v join upd on upd.id = v.id where v.stage_changed),
    history as (
      insert into account_stage_history (account_id, at, from_stage, to_stage, reason, manual, actor_label, rule_id, pack_version)
      select m.id, ${now}::timestamptz, m.from_stage, m.to_stage, m.reason, false, ${a.actor_label}::text, ${a.rule_id}::text, ${a.pack_version}::text from moved m
    ),
    timeline as (
      insert into timeline_events (subject_type, subject_id, at, kind, summary, actor_type, actor_id, actor_label, rule_id, pack_version, data)
      select ${ACCOUNT_SUBJECT}::text, m.id::text, ${now}::timestamptz, 'account.stage_changed', m.summary, ${a.actor_type}::text, ${a.actor_id}::text, ${a.actor_label}::text,
        ${a.rule_id}::text, ${a.pack_version}::text, jsonb_build_object('from', m.from_stage, 'to', m.to_stage, 'reason', m.reason, 'manual', false)
      from moved m
    ),
    audit as (
      insert into audit_log (at, actor_type, actor_id, actor_label, rule_id, pack_version, action, subject_type, subject_id, reason, data, request_id)
      select ${now}::timestamptz, ${a.actor_type}::text, ${a.actor_id}::text, ${a.actor_label}::text, ${a.rule_id}::text, ${a.pack_version}::text, 'account.stage_changed',
        ${ACCOUNT_SUBJECT}::text, m.id::text, null, jsonb_build_object('from', m.from_stage, 'to', m.to_stage, 'reason', m.reason, 'manual', false), null
      from moved m
    )
    select (select count(*) from upd)::int as accounts, (select count(*) from moved)::int as stages`.execute(trx);
  const row = r.rows[0];
  return { accounts: Number(row?.accounts ?? 0), stages: Number(row?.stages ?? 0) };
}
