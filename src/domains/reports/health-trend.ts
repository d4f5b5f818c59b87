import { sql, type Kysely } from "kysely";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import { inBookScope, oneDecimal, type HealthScope } from "./health-scope.js";

/** Weeks in the trend, the current one included. */
export const TREND_WEEKS = 12;

export interface HealthTrendWeek {
  /** Monday (UTC) of the week, "YYYY-MM-DD". */
  week: string;
  green: number;
  yellow: number;
  red: number;
  averageScore: number | null;
}

const WEEK_MS = 7 * DAY_MS;
const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Monday 00:00 UTC on or before the instant. */
const mondayOf = (ms: number): number => {
  const day = Math.floor(ms / DAY_MS);
  return (day - ((day + 3) % 7)) * DAY_MS; // 1970-01-01 was a Thursday
};

/**
 * The band of each account in the book as of the end of each of the last TREND_WEEKS weeks
 * (the latest score set before the next Monday; for the current week, up to now).
 * Book membership is today's: the book's past membership is not kept. One pass over the scores
 * of the book's accounts, the superseded ones (health_scores) and the one in force
 * (account_health): each is valid from its `at` until the next one's.
 */
export async function healthTrend(db: Kysely<Database>, scope: HealthScope, now: Date): Promise<HealthTrendWeek[]> {
  const thisMonday = mondayOf(now.getTime());
  const weeks: string[] = [];
  const ends: Date[] = [];
  for (let i = TREND_WEEKS - 1; i >= 0; i--) {
    const start = thisMonday - i * WEEK_MS;
    weeks.push(dayKey(start));
    // Exclusive end: the next Monday, or just after now for the current week.
    ends.push(new Date(Math.min(start + WEEK_MS, now.getTime() + 1)));
  }
  const { rows } = await sql<{ week: string; green: number; yellow: number; red: number; avg: number | null }>`
    with w as (
      select * from unnest(${weeks}::text[], ${ends.map((d) => d.toISOString())}::timestamptz[]) as w(week, end_at)
    ),
    scores as (
      select account_id, at, score, band, 0 as part, id from health_scores
      union all
      select account_id, at, score, band, 1, 0 from account_health
    ),
    s as (
      select h.at, h.score, h.band, lead(h.at) over (partition by h.account_id order by h.part, h.at, h.id) as next_at
      from scores h join accounts a on a.id = h.account_id
      where ${inBookScope(scope)} and h.at <= ${now}
    )
    select w.week,
      count(*) filter (where s.band = 'green')::int as green,
      count(*) filter (where s.band = 'yellow')::int as yellow,
      count(*) filter (where s.band = 'red')::int as red,
      avg(s.score)::float8 as avg
    from w left join s on s.at < w.end_at and (s.next_at is null or s.next_at >= w.end_at)
    group by w.week order by w.week`.execute(db);
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return weeks.map((week) => {
    const r = byWeek.get(week);
    return { week, green: Number(r?.green ?? 0), yellow: Number(r?.yellow ?? 0), red: Number(r?.red ?? 0), averageScore: oneDecimal(r?.avg ?? null) };
  });
}
