import { sql, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { InstanceKind } from "../instances/schema.js";
import type { UsageStateRow } from "./schema.js";
import { dayOf } from "./days.js";
import { criterionMet, windowRange } from "./pql-criteria.js";
import { emitUsageSignal, type UsageSignal } from "./signals.js";
import { freshPingMau, rollingActiveUsers } from "./usage-state.js";

export type SignalLatches = Partial<Pick<UsageStateRow, "non_admin_joined_at" | "code_host_configured_at" | "pql_met_at" | "seat_band">> & {
  pql_criteria?: string;
};

export interface SignalOutcome {
  latches: SignalLatches;
  emitted: number;
}

export interface SignalInput {
  instance: { id: string; kind: InstanceKind; seats: number | null; admin_email: string | null };
  /** Users this batch introduced (events only). */
  newUserKeys?: string[];
  /** The locked state row after this batch's counters were applied. */
  state: UsageStateRow;
  newUserDays: { user: string; day: string }[];
  newFeatures: { key: string; at: Date; user: string | null; source: "event" | "ping" }[];
}

/**
 * Compares the instance's usage after a batch with the latches in usage_state and emits each
 * signal whose line was crossed: once per crossing, because the latch is updated in the same
 * transaction that emits. Returns the latch columns to store.
 */
export async function evaluateSignals(
  trx: Transaction<Database>,
  ctx: AppContext,
  input: SignalInput,
): Promise<SignalOutcome> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const today = dayOf(now);
  const { instance, state } = input;
  let emitted = 0;
  const emit = (s: UsageSignal) => {
    emitted++;
    return emitUsageSignal(trx, ctx, s);
  };
  const update: SignalLatches = {};
  const totalUsers = Math.max(state.event_users, state.ping_total_users ?? 0);

  for (const f of input.newFeatures) {
    const label = pack.usage.features.find((x) => x.key === f.key)?.label ?? f.key;
    await emit({
      kind: "usage.feature_first_used",
      ruleId: "P2",
      instanceId: instance.id,
      at: now,
      data: { feature: f.key, label, firstUsedAt: f.at.toISOString(), user: f.user },
    });
  }
  // T9 "another user joined": a second user, or any user who is not the instance's admin.
  const admin = instance.admin_email?.toLowerCase();
  const strangerArrived = admin !== undefined && (input.newUserKeys ?? []).some((k) => k.toLowerCase() !== admin);
  if (state.non_admin_joined_at === null && (totalUsers >= 2 || strangerArrived)) {
    update.non_admin_joined_at = now;
    await emit({ kind: "usage.non_admin_user_joined", ruleId: "T9", instanceId: instance.id, at: now, data: { totalUsers } });
  }
  if (state.code_host_configured_at === null && (state.code_hosts ?? 0) > 0) {
    update.code_host_configured_at = now;
    await emit({ kind: "usage.code_host_configured", ruleId: "T9", instanceId: instance.id, at: now, data: { codeHosts: state.code_hosts ?? 0 } });
  }

  const needPql = instance.kind === "trial" && state.pql_met_at === null;
  const needSeats = instance.seats !== null && instance.seats > 0;
  if (!needPql && !needSeats) return { latches: update, emitted };
  const mau = Math.max(await rollingActiveUsers(trx, instance.id, today, pack.usage.mauWindowDays), freshPingMau(state, today));

  if (needPql) {
    const met: typeof pack.usage.pqlCriteria = [];
    const facts = { totalUsers, monthlyActiveUsers: mau, activeDaysOf: (w: number) => activeDaysAround(trx, instance.id, input.newUserDays, w) };
    for (const c of pack.usage.pqlCriteria) if (await criterionMet(c, facts)) met.push(c);
    if (met.length > 0) {
      update.pql_met_at = now;
      update.pql_criteria = JSON.stringify(met.map((c) => c.id));
      await emit({
        kind: "usage.pql_criteria_met",
        ruleId: "T11",
        instanceId: instance.id,
        at: now,
        data: { criteria: met.map((c) => c.id), labels: met.map((c) => c.label), totalUsers, monthlyActiveUsers: mau },
      });
    }
  }

  if (needSeats && instance.seats !== null) {
    const ratio = mau / instance.seats;
    const thresholds = pack.usage.seatUtilizationThresholds;
    const band = thresholds.filter((t) => ratio >= t).length;
    if (band !== state.seat_band) {
      const up = band > state.seat_band;
      update.seat_band = band;
      // One signal per line crossed: a jump from 40% to 90% crosses 50% and 80%.
      const crossed = up ? thresholds.slice(state.seat_band, band) : thresholds.slice(band, state.seat_band).reverse();
      for (const threshold of crossed) {
        await emit({
          kind: "usage.seat_utilization_crossed",
          ruleId: "P2",
          instanceId: instance.id,
          at: now,
          data: { direction: up ? "up" : "down", threshold, ratio: Math.round(ratio * 1000) / 1000, monthlyActiveUsers: mau, seats: instance.seats },
        });
      }
    }
  }
  return { latches: update, emitted };
}

/** Active days, around this batch's new user-days, of the users who gained one. */
async function activeDaysAround(
  trx: Transaction<Database>,
  instanceId: string,
  newUserDays: { user: string; day: string }[],
  windowDays: number,
): Promise<Map<string, string[]>> {
  const range = windowRange(newUserDays.map((d) => d.day), windowDays);
  const out = new Map<string, string[]>();
  if (!range) return out;
  const users = [...new Set(newUserDays.map((d) => d.user))];
  const rows = await sql<{ user_key: string; day: string }>`
    select user_key, day from usage_user_days
    where instance_id = ${instanceId}::uuid and user_key = any(${users}::text[]) and day between ${range.from}::date and ${range.to}::date
  `.execute(trx);
  for (const r of rows.rows) {
    const list = out.get(r.user_key);
    if (list) list.push(r.day);
    else out.set(r.user_key, [r.day]);
  }
  return out;
}
