import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import { addDays, dayOf } from "./days.js";
import type { PingBody } from "./event-input.js";
import { evaluateSignals } from "./evaluate-signals.js";
import type { IngestingInstance } from "./ingest-token.js";
import { lockUsageState } from "./usage-state.js";

export interface IngestPingOptions {
  instance: IngestingInstance;
  ping: PingBody;
}

export interface IngestPingResult {
  day: string;
  /** True when an earlier ping for the same day was replaced (the last ping of a day wins). */
  replaced: boolean;
  signals: number;
}

/**
 * Stores an instance's daily aggregate and folds it into the current state: the newest day's
 * ping sets users, MAU, code hosts and version; features it lists count as used.
 */
export async function ingestPing(ctx: AppContext, o: IngestPingOptions): Promise<IngestPingResult> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const at = o.ping.timestamp !== undefined ? new Date(o.ping.timestamp) : now;
  if (at.getTime() > now.getTime() + pack.usage.maxFutureSkewMinutes * 60_000) {
    throw new AppError("validation_failed", `timestamp: is more than ${pack.usage.maxFutureSkewMinutes} minutes ahead of the server clock.`, {
      details: { field: "timestamp" },
    });
  }
  const day = o.ping.day ?? dayOf(at);
  if (day > addDays(dayOf(now), 1)) {
    throw new AppError("validation_failed", `day: ${day} is in the future.`, { details: { field: "day" } });
  }
  if (o.instance.status !== "active") {
    throw new AppError("invalid_state", `Instance ${o.instance.slug} is terminated; it no longer accepts telemetry.`);
  }
  const p = o.ping;
  const knownFeatures = new Set(pack.usage.features.map((f) => f.key));
  const features = [...new Set(p.featuresUsed)].filter((f) => knownFeatures.has(f)).sort();

  const result = await ctx.db.transaction().execute(async (trx) => {
    const state = await lockUsageState(trx, o.instance.id, now);
    const stored = await sql<{ fresh: boolean }>`
      insert into usage_pings (instance_id, day, received_at, total_users, dau, wau, mau, code_hosts, repositories, version, precise_code_intel, features)
      values (${o.instance.id}::uuid, ${day}::date, ${now.toISOString()}::timestamptz, ${p.totalUsers}, ${p.dau}, ${p.wau}, ${p.mau},
              ${p.codeHostsConfigured}, ${p.repositories}, ${p.version}, ${p.preciseCodeIntelEnabled}, ${JSON.stringify(p.featuresUsed)}::jsonb)
      on conflict (instance_id, day) do update set
        received_at = excluded.received_at, total_users = excluded.total_users, dau = excluded.dau, wau = excluded.wau,
        mau = excluded.mau, code_hosts = excluded.code_hosts, repositories = excluded.repositories, version = excluded.version,
        precise_code_intel = excluded.precise_code_intel, features = excluded.features
      returning (xmax = 0) as fresh
    `.execute(trx);

    const firstUse = day === dayOf(at) ? at : new Date(`${day}T00:00:00Z`);
    let newFeatures: { key: string; at: Date; user: null; source: "ping" }[] = [];
    if (features.length > 0) {
      const rows = await sql<{ feature: string }>`
        insert into usage_features (instance_id, feature, first_used_at, first_user_key, source)
        select ${o.instance.id}::uuid, f, ${firstUse.toISOString()}::timestamptz, null, 'ping' from unnest(${features}::text[]) as f
        on conflict (instance_id, feature) do nothing
        returning feature
      `.execute(trx);
      newFeatures = rows.rows.map((r) => ({ key: r.feature, at: firstUse, user: null, source: "ping" as const }));
    }

    const newest = state.last_ping_day === null || day >= state.last_ping_day;
    const activeAt = p.dau > 0 ? firstUse : null;
    const after = {
      ...state,
      ...(newest
        ? {
            ping_total_users: p.totalUsers,
            ping_mau: p.mau,
            last_ping_day: day,
            code_hosts: p.codeHostsConfigured,
            repositories: p.repositories,
            version: p.version,
            precise_code_intel: p.preciseCodeIntelEnabled,
          }
        : {}),
      last_ping_at: now,
      last_activity_at: activeAt && (!state.last_activity_at || activeAt > state.last_activity_at) ? activeAt : state.last_activity_at,
    };
    const { latches, emitted } = await evaluateSignals(trx, ctx, { instance: o.instance, state: after, newUserDays: [], newFeatures });
    await trx
      .updateTable("usage_state")
      .set({
        ping_total_users: after.ping_total_users,
        ping_mau: after.ping_mau,
        last_ping_day: after.last_ping_day,
        last_ping_at: after.last_ping_at,
        code_hosts: after.code_hosts,
        repositories: after.repositories,
        version: after.version,
        precise_code_intel: after.precise_code_intel,
        last_activity_at: after.last_activity_at,
        ...latches,
        updated_at: now,
      })
      .where("instance_id", "=", o.instance.id)
      .execute();
    return { day, replaced: stored.rows[0]?.fresh === false, signals: emitted };
  });
  if (result.signals > 0) ctx.notifyOutbox();
  return result;
}
