import type { Transaction } from "kysely";
import type { AppContext } from "../../../platform/app/context.js";
import { DAY_MS } from "../../../platform/clock/clock.js";
import type { Database } from "../../../platform/db/database.js";
import type { Actor } from "../../../platform/timeline/actor.js";
import { recordChange } from "../../../platform/timeline/record.js";
import { startQueuedTrials } from "../capacity.js";
import { queueEmail } from "../queue-email.js";
import { postTrialAlert } from "../trial-alerts.js";
import { recordTrialChange } from "../trial-records.js";
import type { TrialDecision } from "../schema.js";
import { activeUser, emailsOf } from "../recipients.js";
import { type TrialRecords } from "./lock-trial.js";
import { trialVars } from "./trial-vars.js";

export interface TerminateTrialOptions {
  records: TrialRecords;
  actor: Actor;
  /** Why, in words, kept as the trial's close_reason and shown on the timelines. */
  reason: string;
  /** Set when a person decided it (T10); a T9 termination is the rule's, not a decision. */
  decision?: { by: string; note: string | null } | undefined;
  /**
   * Email the admin the pack's trialTerminated template. Its text says nobody used the
   * instance, so callers send it only when that is true (T9, or a person ending an unused trial).
   */
  emailAdmin: boolean;
  /** Makes the side effects' idempotency keys unique ("T9.terminate", "decision:<request>"). */
  key: string;
  requestId?: string | undefined;
}

/**
 * Ends a trial for good: the instance is marked terminated (cloud ops tears it down on the
 * alert), the trial closes, its capacity slot frees and queued approvals start (T5).
 * Everything in the caller's transaction; the caller has locked the records and checked the state.
 */
export async function terminateTrial(trx: Transaction<Database>, ctx: AppContext, o: TerminateTrialOptions): Promise<void> {
  const now = ctx.clock.now();
  const { trial, instance } = o.records;
  const decided = o.decision ? { decision: "terminate" as TrialDecision, decision_at: now, decision_by: o.decision.by, decision_note: o.decision.note } : {};
  await trx
    .updateTable("trials")
    .set({ state: "terminated", closed_at: now, close_reason: o.reason, updated_at: now, ...decided })
    .where("id", "=", trial.id)
    .execute();
  await recordTrialChange(trx, ctx, {
    trial,
    actor: o.actor,
    action: "trial.terminated",
    summary: `Trial terminated: ${o.reason}`,
    data: { from: trial.state, to: "terminated", reason: o.reason, decision: o.decision ? "terminate" : null },
    requestId: o.requestId,
  });
  if (instance && instance.status !== "terminated") {
    await trx.updateTable("instances").set({ status: "terminated", updated_at: now }).where("id", "=", instance.id).execute();
    await recordChange(trx, {
      actor: o.actor,
      action: "instance.updated",
      summary: "Changed status (trial terminated)",
      subject: { type: "instance", id: instance.id },
      at: now,
      data: { changes: { status: { from: instance.status, to: "terminated" } }, trialId: trial.id },
      requestId: o.requestId,
    });
  }

  const vars = await trialVars(trx, ctx, o.records);
  if (o.emailAdmin) {
    const growth = await activeUser(trx, trial.growth_user_id);
    await queueEmail(trx, ctx, {
      template: "trialTerminated",
      to: [trial.admin_email],
      cc: emailsOf([growth]),
      vars: { ...vars, days: Math.floor((now.getTime() - (trial.handed_off_at ?? now).getTime()) / DAY_MS) },
      idempotencyKey: `${o.key}:trial:${trial.id}:admin`,
      subject: { type: "trial", id: trial.id },
      actor: o.actor,
    });
  }
  const text = `Trial terminated: ${trial.company} (${trial.slug}), ${o.reason}. ${vars.trialUrl}`;
  await postTrialAlert(trx, ctx, { feed: "trialAlerts", text, subject: { type: "trial", id: trial.id }, actor: o.actor, idempotencyKey: `${o.key}:trial:${trial.id}:alert` });
  await postTrialAlert(trx, ctx, {
    feed: "cloudOps",
    text: `Tear down trial instance ${trial.slug} (${vars.instanceUrl}) of ${trial.company}: ${o.reason}. ${vars.trialUrl}`,
    subject: { type: "trial", id: trial.id },
    actor: o.actor,
    idempotencyKey: `${o.key}:trial:${trial.id}:cloud-ops`,
  });
  await startQueuedTrials(trx, ctx, o.actor);
}
