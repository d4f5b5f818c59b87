import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { PhaseTimer } from "../../platform/log/phase-timer.js";
import { HEALTH_COLUMNS } from "../accounts/account-view.js";
import { dayOf } from "../usage/days.js";
import { healthUsageWindow, TICKET_WINDOW_DAYS, type InstanceFacts } from "./health-inputs.js";

type Reader = Kysely<Database> | Transaction<Database>;

/**
 * Connections a parallel read takes beside the recompute's own: the accounts, the instances'
 * usage, and the tickets, activities and manual traits one after another.
 */
const READERS = 3;

/**
 * S1: every input of the full recompute for the whole book, set-based: the accounts not
 * archived with their current health (revision, trait values), each active instance's usage,
 * the 90-day ticket counts, the last activity and the manual traits.
 *
 * On PostgreSQL the reads run at once on their own connections, all in the snapshot of `trx`
 * (`pg_export_snapshot`), so the database works on one while this thread parses another. One
 * snapshot for all of them matters: an account's revision is never newer than the inputs read
 * with it, so a write guarded by that revision cannot put stale inputs over a newer score. They
 * run inside `trx` instead, one after another, on PGlite (one connection), with a pool too small
 * to spare READERS connections, or when `trx` has already written something (other connections
 * would not see it) unless the caller says none of it is an input (`wroteNoInput`).
 */
export async function readBookInputs(trx: Transaction<Database>, ctx: AppContext, timer: PhaseTimer, wroteNoInput: boolean) {
  const now = ctx.clock.now();
  const snapshot = await exportedSnapshot(trx, ctx, wroteNoInput);
  if (snapshot === null) {
    const accounts = await readAccounts(trx);
    timer.lap("accounts");
    const instances = await readInstances(trx, now);
    timer.lap("instances");
    const others = await readOthers(trx, now);
    timer.lap("others");
    return { accounts, instances, ...others };
  }
  const [accounts, instances, others] = await Promise.all([
    inSnapshot(ctx.db, snapshot, readAccounts),
    inSnapshot(ctx.db, snapshot, (db) => readInstances(db, now)),
    inSnapshot(ctx.db, snapshot, (db) => readOthers(db, now)),
  ]);
  timer.lap("reads");
  return { accounts, instances, ...others };
}

/** The snapshot of `trx` for reads beside it, or null when they must run inside it. */
async function exportedSnapshot(trx: Transaction<Database>, ctx: AppContext, wroteNoInput: boolean): Promise<string | null> {
  // One connection more than the readers: `trx` holds its own while they run.
  if (ctx.engine !== "postgres" || ctx.dbConnections < READERS + 1) return null;
  const { rows } = await sql<{ snapshot: string | null }>`
    select case when ${wroteNoInput} or pg_current_xact_id_if_assigned() is null then pg_export_snapshot() end as snapshot`.execute(trx);
  return rows[0]?.snapshot ?? null;
}

/** Runs `read` in a read-only transaction of its own that sees exactly `snapshot`. */
async function inSnapshot<T>(db: Kysely<Database>, snapshot: string, read: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  // SET TRANSACTION SNAPSHOT takes no parameter: the id (hex digits and dashes) goes in as text.
  if (!/^[0-9A-Fa-f-]+$/.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      await sql.raw(`set transaction snapshot '${snapshot}'`).execute(trx);
      await sql`set local work_mem = '64MB'`.execute(trx);
      return read(trx);
    });
}

/** With each account its current health: only the traits of its inputs are compared (isUnchanged); the facts stay in the database. */
function readAccounts(db: Reader) {
  return db
    .selectFrom("accounts as a")
    .leftJoin("account_health as h", "h.account_id", "a.id")
    .select([
      "a.id",
      "a.seats",
      "a.segment",
      "a.stage",
      "a.health_red_flag_reason",
      "a.health_red_flag_by",
      ...HEALTH_COLUMNS,
      "h.model",
      "h.revision",
      sql<Record<string, unknown> | null>`h.inputs->'traits'`.as("traits"),
    ])
    .where("a.archived_at", "is", null)
    .execute();
}

/** Each active instance of an account not archived, with last month's MAU and its 28-day DAU total. */
async function readInstances(db: Reader, now: Date) {
  const { dauFrom, yesterday, lastMonth, thisMonth } = healthUsageWindow(dayOf(now));
  const { rows } = await sql<InstanceFacts & { account_id: string }>`
    with active as (
      select i.id, i.account_id from instances i join accounts a on a.id = i.account_id
      where i.status = 'active' and a.archived_at is null
    ),
    months as (select instance_id, active_users as n from usage_months where month = ${lastMonth}::date),
    ping_months as (
      select instance_id, max(mau) as n from usage_pings where day >= ${lastMonth}::date and day < ${thisMonth}::date group by instance_id
    ),
    -- A day's DAU is the larger of the event count and the ping (health-inputs.ts). Summed as the
    -- days' counts plus what each ping adds above its day's count: two plain aggregates, where a
    -- full join of days and pings made the planner rebuild the whole join in every parallel worker.
    dau_days as materialized (
      select instance_id, sum(active_users)::float8 as n from usage_days
      where day between ${dauFrom}::date and ${yesterday}::date group by instance_id
    ),
    dau_pings as materialized (
      select p.instance_id, sum(greatest(p.dau - coalesce(d.active_users, 0), 0))::float8 as n
      from usage_pings p left join usage_days d on d.instance_id = p.instance_id and d.day = p.day
      where p.day between ${dauFrom}::date and ${yesterday}::date group by p.instance_id
    )
    select active.account_id::text as account_id, s.version, s.precise_code_intel,
      greatest(coalesce(months.n, 0), coalesce(ping_months.n, 0))::int as last_month_mau,
      (coalesce(dau_days.n, 0) + coalesce(dau_pings.n, 0))::float8 as dau_total
    from active
    left join usage_state s on s.instance_id = active.id
    left join months on months.instance_id = active.id
    left join ping_months on ping_months.instance_id = active.id
    left join dau_days on dau_days.instance_id = active.id
    left join dau_pings on dau_pings.instance_id = active.id
    order by active.id`.execute(db);
  return rows;
}

/** The 90-day ticket counts and the last activity of each account, and every manual trait. */
async function readOthers(db: Reader, now: Date) {
  const tickets = await sql<{ account_id: string; defects: number; help: number }>`
    select account_id::text as account_id,
      count(*) filter (where kind = 'defect')::int as defects, count(*) filter (where kind = 'help')::int as help
    from support_tickets
    where opened_at >= ${new Date(now.getTime() - TICKET_WINDOW_DAYS * DAY_MS)} and opened_at <= ${now}
    group by account_id`.execute(db);
  const activities = await sql<{ account_id: string; last: Date | string }>`
    select account_id::text as account_id, max(at) as last from account_activities where at <= ${now} group by account_id`.execute(db);
  const manual = await db.selectFrom("health_manual_traits").selectAll().orderBy("trait").execute();
  return { tickets: tickets.rows, activities: activities.rows, manual };
}
