import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import { mondayOf, quarterOf, quarterRange, quartersFrom } from "./quarters.js";
import { arrAtRiskOf, expectedArrOf, type RenewalFigures } from "./renewal-math.js";
import type { RenewalOutcome, RenewalRating } from "./schema.js";

type Executor = Kysely<Database> | Transaction<Database>;

export interface ForecastTotals {
  renewals: number;
  arrUp: number;
  arrAtRisk: number;
  expectedArr: number;
}

export interface ForecastQuarter extends ForecastTotals {
  quarter: string;
  byRating: Record<RenewalRating | "unrated", number>;
  byOutcome: Record<RenewalOutcome | "none", number>;
  lastWeek: ForecastTotals | null;
}

export interface RenewalForecast {
  asOf: string;
  quarters: ForecastQuarter[];
  changesThisWeek: { renewalId: string; account: { id: string; name: string }; at: string; summary: string; actorLabel: string }[];
}

const CHANGES_MAX = 50;
const WEEK_DAYS = 7;

/**
 * R4: the quarters from the current one on, over open cycles and the in-book customer accounts
 * whose renewal date falls in the quarter before their cycle opened (unrated, expected = current ARR).
 */
export async function forecastQuarters(db: Executor, ctx: AppContext, count: number): Promise<Omit<ForecastQuarter, "lastWeek">[]> {
  const pack = ctx.packs.current();
  const today = utcDateKey(ctx.clock.now());
  const quarters = quartersFrom(today, count);
  const first = quarters[0];
  const last = quarters[quarters.length - 1];
  if (!first || !last) return [];
  const from = quarterRange(first).start;
  const to = quarterRange(last).end;
  const cycles = await db
    .selectFrom("renewal_cycles as c")
    .innerJoin("accounts as a", "a.id", "c.account_id")
    .select(["c.renewal_date", "c.rating", "c.projected_outcome", "c.projected_arr", "a.arr"])
    .where("c.status", "=", "open")
    .where("c.renewal_date", ">=", from)
    .where("c.renewal_date", "<=", to)
    .execute();
  const upcoming = await db
    .selectFrom("accounts as a")
    .select(["a.contract_end", "a.arr"])
    .where("a.archived_at", "is", null)
    .where("a.in_book_at", "is not", null)
    .where("a.account_type", "=", pack.accounts.types.customer)
    .where("a.contract_end", ">=", from)
    .where("a.contract_end", "<=", to)
    .where(sql<boolean>`not exists (select 1 from renewal_cycles c where c.account_id = a.id and c.renewal_date = a.contract_end)`)
    .execute();

  const byQuarter = new Map(
    quarters.map((q) => [
      q,
      { quarter: q, renewals: 0, arrUp: 0, arrAtRisk: 0, expectedArr: 0, byRating: { green: 0, yellow: 0, red: 0, unrated: 0 }, byOutcome: { full_churn: 0, partial_churn: 0, flat: 0, incremental: 0, none: 0 } },
    ]),
  );
  const add = (day: string, f: RenewalFigures): void => {
    const q = byQuarter.get(quarterOf(day));
    if (!q) return;
    q.renewals += 1;
    q.arrUp += f.currentArr;
    q.arrAtRisk += arrAtRiskOf(pack, f);
    q.expectedArr += expectedArrOf(f);
    q.byRating[f.rating ?? "unrated"] += 1;
    q.byOutcome[f.projectedOutcome ?? "none"] += 1;
  };
  const n = (v: number | string | null): number => (v === null ? 0 : Number(v));
  for (const c of cycles) {
    add(c.renewal_date, { status: "open", currentArr: n(c.arr), rating: c.rating, projectedOutcome: c.projected_outcome, projectedArr: c.projected_arr === null ? null : Number(c.projected_arr), renewedArr: null });
  }
  for (const a of upcoming) {
    if (a.contract_end) add(a.contract_end, { status: "open", currentArr: n(a.arr), rating: null, projectedOutcome: null, projectedArr: null, renewedArr: null });
  }
  return quarters.map((q) => byQuarter.get(q)).filter((q): q is NonNullable<typeof q> => q !== undefined);
}

/** GET /renewals/forecast?quarters=N: the quarters with last week's totals and the week's renewal changes. */
export async function getForecast(ctx: AppContext, count: number): Promise<RenewalForecast> {
  const now = ctx.clock.now();
  const today = utcDateKey(now);
  const quarters = await forecastQuarters(ctx.db, ctx, count);
  // Last week's figures: the latest snapshot (R4, taken on Mondays) from before this week.
  const thisMonday = mondayOf(today);
  const previous = await ctx.db
    .selectFrom("renewal_forecast_snapshots")
    .select(["week"])
    .where("week", "<", thisMonday)
    .orderBy("week", "desc")
    .limit(1)
    .executeTakeFirst();
  const snapshots = previous
    ? await ctx.db.selectFrom("renewal_forecast_snapshots").selectAll().where("week", "=", previous.week).execute()
    : [];
  const snapshotOf = new Map(snapshots.map((s) => [s.quarter, s]));
  const weekAgo = new Date(now.getTime() - WEEK_DAYS * 86_400_000);
  const events = await ctx.db
    .selectFrom("timeline_events as e")
    .innerJoin("accounts as a", (j) => j.on(sql<boolean>`a.id::text = e.subject_id`))
    .select(["e.at", "e.summary", "e.actor_label", "a.id as account_id", "a.name as account_name", sql<string>`e.data->>'renewalId'`.as("renewal_id")])
    .where("e.subject_type", "=", "account")
    .where("e.kind", "like", "renewal.%")
    .where("e.at", ">", weekAgo)
    .where(sql<boolean>`e.data->>'renewalId' is not null`)
    .orderBy("e.at", "desc")
    .orderBy("e.id", "desc")
    .limit(CHANGES_MAX)
    .execute();
  return {
    asOf: now.toISOString(),
    quarters: quarters.map((q) => {
      const s = snapshotOf.get(q.quarter);
      return { ...q, lastWeek: s ? { renewals: Number(s.renewals), arrUp: Number(s.arr_up), arrAtRisk: Number(s.arr_at_risk), expectedArr: Number(s.expected_arr) } : null };
    }),
    changesThisWeek: events.map((e) => ({
      renewalId: e.renewal_id,
      account: { id: e.account_id, name: e.account_name },
      at: new Date(e.at).toISOString(),
      summary: e.summary,
      actorLabel: e.actor_label,
    })),
  };
}

/** How many quarters the Monday snapshot keeps (the forecast page's default). */
export const SNAPSHOT_QUARTERS = 4;

/** R4: stores this week's forecast of each quarter (once per week; a second call keeps the first). */
export async function snapshotForecast(trx: Transaction<Database>, ctx: AppContext, week: string): Promise<{ week: string; quarters: number }> {
  const quarters = await forecastQuarters(trx, ctx, SNAPSHOT_QUARTERS);
  const at = ctx.clock.now();
  if (quarters.length > 0) {
    await trx
      .insertInto("renewal_forecast_snapshots")
      .values(quarters.map((q) => ({ week, quarter: q.quarter, renewals: q.renewals, arr_up: q.arrUp, arr_at_risk: q.arrAtRisk, expected_arr: q.expectedArr, taken_at: at })))
      .onConflict((oc) => oc.columns(["week", "quarter"]).doNothing())
      .execute();
  }
  return { week, quarters: quarters.length };
}

