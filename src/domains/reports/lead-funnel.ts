import { sql, type Kysely } from "kysely";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { ReportPeriod } from "./report-period.js";

/** T12 funnel steps, in order. Each step is a subset of the leads who signed up in the period. */
export const FUNNEL_STEPS = [
  { key: "signups", label: "Signups" },
  { key: "qualified", label: "Qualified" },
  { key: "provisioned", label: "Provisioned" },
  { key: "handedOff", label: "Handed off" },
  { key: "activated", label: "Activated" },
  { key: "pql", label: "PQL" },
  { key: "converted", label: "Converted" },
] as const;
export type FunnelStepKey = (typeof FUNNEL_STEPS)[number]["key"];

export interface FunnelStep {
  key: FunnelStepKey;
  label: string;
  count: number;
  /** Share of the previous step's count, in percent (one decimal); null for the first step or after an empty step. */
  conversionPct: number | null;
}

type Counts = Record<FunnelStepKey, number>;

/**
 * Cohort funnel: the leads created in the period, and how many of them have reached each step
 * by now (a lead that signed up on the last day and converted a week later counts as converted).
 * A cohort keeps every step a subset of the signups, so conversion percentages mean something.
 */
export async function leadFunnel(db: Kysely<Database>, period: ReportPeriod): Promise<FunnelStep[]> {
  const { rows } = await sql<Counts>`
    select count(*)::int as "signups",
      count(l.qualified_at)::int as "qualified",
      count(t.ready_at)::int as "provisioned",
      count(coalesce(t.handed_off_at, l.handed_off_at))::int as "handedOff",
      count(t.activated_at)::int as "activated",
      count(l.pql_at)::int as "pql",
      count(l.converted_at)::int as "converted"
    from leads l left join trials t on t.lead_id = l.id
    where l.created_at >= ${period.start} and l.created_at < ${period.end}`.execute(db);
  const counts = rows[0];
  let previous: number | null = null;
  return FUNNEL_STEPS.map((step) => {
    const count = Number(counts?.[step.key] ?? 0);
    const conversionPct = previous === null || previous === 0 ? null : Math.round((count / previous) * 1000) / 10;
    previous = count;
    return { key: step.key, label: step.label, count, conversionPct };
  });
}

export interface WeeklyPoint {
  /** Monday of the ISO week (UTC), "YYYY-MM-DD"; the first and last week may be partly outside the period. */
  weekStart: string;
  /** Days of this week inside the period (7 except at the edges). */
  days: number;
  signups: number;
  qualified: number;
  handedOff: number;
}

const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Monday 00:00 UTC on or before the instant. */
const mondayOf = (ms: number): number => {
  const day = Math.floor(ms / DAY_MS);
  const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
  return (day - weekday) * DAY_MS;
};

/** The same cohort by signup week: signups, and how many of those have been qualified and handed off. */
export async function weeklySignups(db: Kysely<Database>, period: ReportPeriod): Promise<WeeklyPoint[]> {
  const { rows } = await sql<{ week: string; signups: number; qualified: number; handed_off: number }>`
    select to_char(date_trunc('week', l.created_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
      count(*)::int as signups,
      count(l.qualified_at)::int as qualified,
      count(coalesce(t.handed_off_at, l.handed_off_at))::int as handed_off
    from leads l left join trials t on t.lead_id = l.id
    where l.created_at >= ${period.start} and l.created_at < ${period.end}
    group by 1`.execute(db);
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const out: WeeklyPoint[] = [];
  const start = period.start.getTime();
  const end = period.end.getTime();
  for (let week = mondayOf(start); week < end; week += 7 * DAY_MS) {
    const r = byWeek.get(dayKey(week));
    const days = Math.round((Math.min(end, week + 7 * DAY_MS) - Math.max(start, week)) / DAY_MS);
    out.push({ weekStart: dayKey(week), days, signups: Number(r?.signups ?? 0), qualified: Number(r?.qualified ?? 0), handedOff: Number(r?.handed_off ?? 0) });
  }
  return out;
}
