import { sql, type Kysely } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { addDays, dayOf, previousMonth } from "./days.js";
import { freshPingMau } from "./usage-state.js";
import { getUsageSettings } from "./usage-settings.js";
import { versionsBehind } from "./versions.js";

export interface UsageMetrics {
  totalUsers: number;
  mau: number;
  dau: number;
  dau4wAvg: number;
  lastMonthMau: number;
  usageScore: number | null;
  mauPerSeat: number | null;
  lastMonthMauPerSeat: number | null;
  version: string | null;
  latestRelease: string | null;
  versionsBehind: number | null;
  codeHostConfigured: boolean;
  codeHosts: number | null;
  repositories: number | null;
  nonAdminJoined: boolean;
  preciseCodeIntel: boolean | null;
  unused: boolean;
  lastActivityAt: Date | null;
  lastPingAt: Date | null;
  pqlMetAt: Date | null;
  pqlCriteria: string[];
}

export interface InstanceUsage {
  metrics: UsageMetrics;
  /** DAU of the last 30 days, oldest first (the list's sparkline). */
  sparkline: number[];
}

const SPARK_DAYS = 30;
const AVG_DAYS = 28;

const round = (n: number, places = 3): number => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Current derived metrics for a page of instances, from the rollups only (a handful of
 * indexed queries for the whole page, never the raw events). A day's DAU is the larger of the
 * event-derived count and the instance's own ping, so either source alone is enough.
 */
export async function usageFor(
  ctx: Pick<AppContext, "db" | "packs" | "config" | "clock">,
  instances: { id: string; seats: number | null }[],
  db: Kysely<Database> = ctx.db,
): Promise<Map<string, InstanceUsage>> {
  const out = new Map<string, InstanceUsage>();
  if (instances.length === 0) return out;
  const pack = ctx.packs.current();
  const settings = await getUsageSettings(ctx, db);
  const ids = instances.map((i) => i.id);
  const today = dayOf(ctx.clock.now());
  const yesterday = addDays(today, -1);
  const from = addDays(yesterday, -(Math.max(SPARK_DAYS, AVG_DAYS) - 1));
  const lastMonth = previousMonth(today);
  const thisMonth = `${today.slice(0, 7)}-01`;

  const [states, maus, days, pings, months, pingMonths] = await Promise.all([
    db.selectFrom("usage_state").selectAll().where("instance_id", "in", ids).execute(),
    sql<{ instance_id: string; n: number }>`
      select instance_id, count(*)::int as n from usage_users
      where instance_id = any(${ids}::uuid[]) and last_active_day >= ${addDays(today, -(pack.usage.mauWindowDays - 1))}::date
      group by instance_id`.execute(db),
    sql<{ instance_id: string; day: string; n: number }>`
      select instance_id, day, active_users as n from usage_days
      where instance_id = any(${ids}::uuid[]) and day between ${from}::date and ${yesterday}::date`.execute(db),
    sql<{ instance_id: string; day: string; n: number }>`
      select instance_id, day, dau as n from usage_pings
      where instance_id = any(${ids}::uuid[]) and day between ${from}::date and ${yesterday}::date`.execute(db),
    sql<{ instance_id: string; n: number }>`
      select instance_id, active_users as n from usage_months
      where instance_id = any(${ids}::uuid[]) and month = ${lastMonth}::date`.execute(db),
    sql<{ instance_id: string; n: number }>`
      select instance_id, max(mau)::int as n from usage_pings
      where instance_id = any(${ids}::uuid[]) and day >= ${lastMonth}::date and day < ${thisMonth}::date
      group by instance_id`.execute(db),
  ]);

  const byId = <T extends { instance_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.instance_id);
      if (list) list.push(r);
      else m.set(r.instance_id, [r]);
    }
    return m;
  };
  const stateOf = new Map(states.map((s) => [s.instance_id, s]));
  const mauOf = new Map(maus.rows.map((r) => [r.instance_id, Number(r.n)]));
  const daysOf = byId(days.rows);
  const pingsOf = byId(pings.rows);
  const monthOf = new Map(months.rows.map((r) => [r.instance_id, Number(r.n)]));
  const pingMonthOf = new Map(pingMonths.rows.map((r) => [r.instance_id, Number(r.n)]));

  for (const inst of instances) {
    const s = stateOf.get(inst.id);
    const daily = new Map<string, number>();
    for (const r of daysOf.get(inst.id) ?? []) daily.set(r.day, Math.max(daily.get(r.day) ?? 0, Number(r.n)));
    for (const r of pingsOf.get(inst.id) ?? []) daily.set(r.day, Math.max(daily.get(r.day) ?? 0, Number(r.n)));
    const series = (n: number) => Array.from({ length: n }, (_, i) => daily.get(addDays(yesterday, i - (n - 1))) ?? 0);
    const sparkline = series(SPARK_DAYS);
    const avgWindow = series(AVG_DAYS);
    const dau4wAvg = round(avgWindow.reduce((a, b) => a + b, 0) / AVG_DAYS, 2);
    const mau = Math.max(mauOf.get(inst.id) ?? 0, s ? freshPingMau(s, today) : 0);
    const lastMonthMau = Math.max(monthOf.get(inst.id) ?? 0, pingMonthOf.get(inst.id) ?? 0);
    const totalUsers = Math.max(s?.event_users ?? 0, s?.ping_total_users ?? 0);
    const codeHostConfigured = s?.code_host_configured_at != null;
    const nonAdminJoined = s?.non_admin_joined_at != null;
    const seats = inst.seats !== null && inst.seats > 0 ? inst.seats : null;
    const version = s?.version ?? null;
    out.set(inst.id, {
      sparkline,
      metrics: {
        totalUsers,
        mau,
        dau: sparkline[sparkline.length - 1] ?? 0,
        dau4wAvg,
        lastMonthMau,
        usageScore: lastMonthMau > 0 ? round(dau4wAvg / lastMonthMau) : null,
        mauPerSeat: seats ? round(mau / seats) : null,
        lastMonthMauPerSeat: seats ? round(lastMonthMau / seats) : null,
        version,
        latestRelease: settings.latestRelease,
        versionsBehind: versionsBehind(version, settings.releases, settings.latestRelease),
        codeHostConfigured,
        codeHosts: s?.code_hosts ?? null,
        repositories: s?.repositories ?? null,
        nonAdminJoined,
        preciseCodeIntel: s?.precise_code_intel ?? null,
        unused: !codeHostConfigured && !nonAdminJoined,
        lastActivityAt: s?.last_activity_at ?? null,
        lastPingAt: s?.last_ping_at ?? null,
        pqlMetAt: s?.pql_met_at ?? null,
        pqlCriteria: (s?.pql_criteria ?? []).map((id) => pack.usage.pqlCriteria.find((c) => c.id === id)?.label ?? id),
      },
    });
  }
  return out;
}
