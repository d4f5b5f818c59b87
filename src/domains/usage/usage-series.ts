import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { addDays, dayOf } from "./days.js";

export interface FeatureUse {
  key: string;
  label: string;
  firstUsedAt: Date | null;
  firstUserKey: string | null;
  source: "event" | "ping" | null;
}

export interface UsageSeries {
  from: string;
  to: string;
  seats: number | null;
  days: { day: string; activeUsers: number; events: number; ping: { totalUsers: number; dau: number; wau: number; mau: number } | null }[];
  months: { month: string; activeUsers: number }[];
  features: FeatureUse[];
}

/** Every pack feature with its first use (null when never used), in pack order. */
export async function featureUses(ctx: Pick<AppContext, "db" | "packs">, instanceId: string): Promise<FeatureUse[]> {
  const rows = await ctx.db.selectFrom("usage_features").selectAll().where("instance_id", "=", instanceId).execute();
  const used = new Map(rows.map((r) => [r.feature, r]));
  return ctx.packs.current().usage.features.map((f) => {
    const u = used.get(f.key);
    return { key: f.key, label: f.label, firstUsedAt: u?.first_used_at ?? null, firstUserKey: u?.first_user_key ?? null, source: u?.source ?? null };
  });
}

/** Daily and monthly series for the instance page's charts, zero-filled, from the rollups. */
export async function usageSeries(
  ctx: Pick<AppContext, "db" | "packs" | "clock">,
  instance: { id: string; seats: number | null },
  days: number,
): Promise<UsageSeries> {
  const to = dayOf(ctx.clock.now());
  const from = addDays(to, -(days - 1));
  const [eventDays, pingDays, months, features] = await Promise.all([
    ctx.db
      .selectFrom("usage_days")
      .select(["day", "active_users", "events"])
      .where("instance_id", "=", instance.id)
      .where("day", ">=", from)
      .where("day", "<=", to)
      .execute(),
    ctx.db
      .selectFrom("usage_pings")
      .select(["day", "total_users", "dau", "wau", "mau"])
      .where("instance_id", "=", instance.id)
      .where("day", ">=", from)
      .where("day", "<=", to)
      .execute(),
    sql<{ month: string; active_users: number }>`
      select to_char(month, 'YYYY-MM') as month, active_users from usage_months
      where instance_id = ${instance.id}::uuid and month >= date_trunc('month', ${from}::date)::date order by month`.execute(ctx.db),
    featureUses(ctx, instance.id),
  ]);
  const ev = new Map(eventDays.map((d) => [d.day, d]));
  const pg = new Map(pingDays.map((d) => [d.day, d]));
  const series: UsageSeries["days"] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    const e = ev.get(day);
    const p = pg.get(day);
    series.push({
      day,
      activeUsers: e?.active_users ?? 0,
      events: e?.events ?? 0,
      ping: p ? { totalUsers: p.total_users, dau: p.dau, wau: p.wau, mau: p.mau } : null,
    });
  }
  return { from, to, seats: instance.seats, days: series, months: months.rows.map((m) => ({ month: m.month, activeUsers: Number(m.active_users) })), features };
}
