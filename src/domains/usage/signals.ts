import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { recordChange } from "../../platform/timeline/record.js";
import { ruleActor } from "../../platform/timeline/actor.js";
import { emitEvent } from "../../integrations/webhooks/emit-webhook-event.js";
import { usageSignalSubscribers } from "./signal-subscribers.js";

/** Domain events a usage rollup raises the moment it crosses a line. */
export type UsageSignal =
  | { kind: "usage.pql_criteria_met"; ruleId: "T11"; instanceId: string; at: Date; data: { criteria: string[]; labels: string[]; totalUsers: number; monthlyActiveUsers: number } }
  | { kind: "usage.feature_first_used"; ruleId: "P2"; instanceId: string; at: Date; data: { feature: string; label: string; firstUsedAt: string; user: string | null } }
  | {
      kind: "usage.seat_utilization_crossed";
      ruleId: "P2";
      instanceId: string;
      at: Date;
      data: { direction: "up" | "down"; threshold: number; ratio: number; monthlyActiveUsers: number; seats: number };
    }
  | { kind: "usage.code_host_configured"; ruleId: "T9"; instanceId: string; at: Date; data: { codeHosts: number } }
  | { kind: "usage.non_admin_user_joined"; ruleId: "T9"; instanceId: string; at: Date; data: { totalUsers: number } };

export type UsageSignalKind = UsageSignal["kind"];

export const USAGE_SIGNAL_KINDS: readonly UsageSignalKind[] = [
  "usage.pql_criteria_met",
  "usage.feature_first_used",
  "usage.seat_utilization_crossed",
  "usage.code_host_configured",
  "usage.non_admin_user_joined",
];

function summaryOf(s: UsageSignal): string {
  switch (s.kind) {
    case "usage.pql_criteria_met":
      return `Product-qualified: ${s.data.labels.join("; ")}`;
    case "usage.feature_first_used":
      return `First use of ${s.data.label}`;
    case "usage.seat_utilization_crossed":
      return `MAU/seats ${s.data.direction === "up" ? "rose above" : "fell below"} ${Math.round(s.data.threshold * 100)}% (${s.data.monthlyActiveUsers} of ${s.data.seats})`;
    case "usage.code_host_configured":
      return "A code host is configured";
    case "usage.non_admin_user_joined":
      return "A user other than the admin joined";
    default: {
      const unreachable: never = s;
      throw new Error(`unknown signal ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Records a signal on the instance's timeline and in the audit log (actor: the rule and pack
 * version), queues it for subscribed webhooks, and hands it to in-process subscribers, all in
 * the ingest transaction.
 */
export async function emitUsageSignal(trx: Transaction<Database>, ctx: AppContext, signal: UsageSignal): Promise<void> {
  const pack = ctx.packs.current();
  const actor = ruleActor(signal.ruleId, pack.version);
  const subject = { type: "instance", id: signal.instanceId };
  await recordChange(trx, { actor, action: signal.kind, summary: summaryOf(signal), subject, at: signal.at, data: signal.data });
  const discriminator =
    signal.kind === "usage.feature_first_used"
      ? signal.data.feature
      : signal.kind === "usage.seat_utilization_crossed"
        ? `${signal.data.direction}:${signal.data.threshold}:${signal.at.toISOString()}`
        : "once";
  await emitEvent(trx, ctx, {
    type: signal.kind,
    data: { instanceId: signal.instanceId, ...signal.data },
    idempotencyKey: `${signal.kind}:${signal.instanceId}:${discriminator}`,
    subject,
    actor,
  });
  for (const subscriber of usageSignalSubscribers) await subscriber(trx, ctx, signal);
}
