import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { healthMovers, type HealthMover } from "./health-movers.js";
import { inBookScope, oneDecimal, type HealthScope } from "./health-scope.js";
import { healthTrend, type HealthTrendWeek } from "./health-trend.js";

export type GetHealthOverviewOptions = HealthScope;

export interface BandCounts {
  green: number;
  yellow: number;
  red: number;
  /** Not scored yet, or nothing known to score (band null). */
  unscored: number;
}

export interface HealthOverview {
  asOf: Date;
  /** Accounts in the book (after the filters). */
  total: number;
  /** Of them, with a band. */
  scored: number;
  byBand: BandCounts;
  /** Accounts whose score lacks some input (S1 missing data). */
  missingData: number;
  bySegment: (BandCounts & { segment: string | null; averageScore: number | null })[];
  /** One row per TA (the health owner) and one per AE; `owner` null = no one in that seat. */
  byOwner: (BandCounts & { owner: { id: string; name: string } | null; role: "ta" | "ae"; averageScore: number | null })[];
  movers: HealthMover[];
  trend: HealthTrendWeek[];
}

interface GroupRow {
  segment: string | null;
  ta: string | null;
  ae: string | null;
  g_seg: number;
  g_ta: number;
  g_ae: number;
  green: number;
  yellow: number;
  red: number;
  unscored: number;
  missing: number;
  total: number;
  avg: number | null;
}

/**
 * S1–S3 health overview of the book: band counts overall, by segment and by owner (one scan
 * with grouping sets), the biggest movers of the last 7 days and the 12-week band trend, all
 * set-based so it stays fast at 100,000 accounts. Reads only.
 */
export async function getHealthOverview(ctx: Pick<AppContext, "db" | "clock">, o: GetHealthOverviewOptions): Promise<HealthOverview> {
  const now = ctx.clock.now();
  const scope: HealthScope = { segment: o.segment, ownerUserId: o.ownerUserId };
  const { rows } = await sql<GroupRow>`
    select a.segment, a.ta_user_id::text as ta, a.ae_user_id::text as ae,
      grouping(a.segment)::int as g_seg, grouping(a.ta_user_id)::int as g_ta, grouping(a.ae_user_id)::int as g_ae,
      count(*) filter (where ah.band = 'green')::int as green,
      count(*) filter (where ah.band = 'yellow')::int as yellow,
      count(*) filter (where ah.band = 'red')::int as red,
      count(*) filter (where ah.band is null)::int as unscored,
      count(*) filter (where ah.missing_data)::int as missing,
      count(*)::int as total,
      avg(ah.score)::float8 as avg
    from accounts a left join account_health ah on ah.account_id = a.id
    where ${inBookScope(scope)}
    group by grouping sets ((a.segment), (a.ta_user_id), (a.ae_user_id), ())`.execute(ctx.db);

  const counts = (r: GroupRow | undefined): BandCounts => ({ green: Number(r?.green ?? 0), yellow: Number(r?.yellow ?? 0), red: Number(r?.red ?? 0), unscored: Number(r?.unscored ?? 0) });
  const all = rows.find((r) => Number(r.g_seg) === 1 && Number(r.g_ta) === 1 && Number(r.g_ae) === 1);
  const segments = rows.filter((r) => Number(r.g_seg) === 0);
  const tas = rows.filter((r) => Number(r.g_ta) === 0);
  const aes = rows.filter((r) => Number(r.g_ae) === 0);

  const ids = [...new Set([...tas.map((r) => r.ta), ...aes.map((r) => r.ae)].filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  if (ids.length > 0) {
    for (const u of await ctx.db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute()) names.set(u.id, u.name);
  }
  const ownerRow = (role: "ta" | "ae", id: string | null, r: GroupRow) => ({
    owner: id === null ? null : { id, name: names.get(id) ?? "(unknown user)" },
    role,
    ...counts(r),
    averageScore: oneDecimal(r.avg),
  });
  const byName = (a: { owner: { name: string } | null }, b: { owner: { name: string } | null }) =>
    a.owner === null ? 1 : b.owner === null ? -1 : a.owner.name.localeCompare(b.owner.name);

  const byBand = counts(all);
  return {
    asOf: now,
    total: Number(all?.total ?? 0),
    scored: byBand.green + byBand.yellow + byBand.red,
    byBand,
    missingData: Number(all?.missing ?? 0),
    bySegment: segments
      .map((r) => ({ segment: r.segment, ...counts(r), averageScore: oneDecimal(r.avg) }))
      .sort((a, b) => (a.segment === null ? 1 : b.segment === null ? -1 : a.segment.localeCompare(b.segment))),
    byOwner: [...tas.map((r) => ownerRow("ta", r.ta, r)).sort(byName), ...aes.map((r) => ownerRow("ae", r.ae, r)).sort(byName)],
    movers: await healthMovers(ctx.db, scope, now),
    trend: await healthTrend(ctx.db, scope, now),
  };
}
