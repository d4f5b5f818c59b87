import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import { enqueue } from "../../platform/outbox/enqueue.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { startQueuedTrials } from "./capacity.js";
import { setLeadStatus } from "./lead-status.js";
import type { LeadRow } from "./schema.js";
import { postTrialAlert } from "./trial-alerts.js";
import { recordTrialChange } from "./trial-records.js";

export interface UnqualifyLeadOptions {
  lead: LeadRow;
  actor: Actor;
  /** T4.3: the comment that goes with the cancellation. */
  comment: string;
  requestId?: string | undefined;
}

/**
 * T4.3: a qualified lead is un-qualified before its instance is handed off: the pending
 * provisioning request is cancelled with the comment (the webhook provisioner gets a signed
 * cancel), the cloud team is alerted, and the freed slot goes to the next trial in line (T5).
 */
export async function unqualifyLead(trx: Transaction<Database>, ctx: AppContext, o: UnqualifyLeadOptions): Promise<void> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const trial = await trx.selectFrom("trials").selectAll().where("lead_id", "=", o.lead.id).forUpdate().executeTakeFirst();
  if (!trial || !["queued", "provisioning", "provisioning_failed"].includes(trial.state)) {
    throw new AppError(
      "invalid_state",
      trial ? `${o.lead.company}'s trial is ${trial.state}; only a trial not yet handed off can be un-qualified (terminate it instead).` : `${o.lead.company}'s request was not approved; disqualify it instead.`,
    );
  }
  const wasRequested = trial.state !== "queued";
  await trx.updateTable("trials").set({ state: "cancelled", closed_at: now, close_reason: o.comment, updated_at: now }).where("id", "=", trial.id).execute();
  await setLeadStatus(trx, ctx, { lead: o.lead, status: "unqualified", substatus: null, actor: o.actor, reason: o.comment, requestId: o.requestId });
  await recordTrialChange(trx, ctx, {
    trial,
    actor: o.actor,
    action: "trial.cancelled",
    summary: `Provisioning cancelled: ${o.comment}`,
    reason: o.comment,
    data: { previousState: trial.state },
    requestId: o.requestId,
  });
  if (wasRequested && trial.provisioner === "webhook") {
    await enqueue(trx, {
      channel: "provision",
      payload: { action: "cancel", trialId: trial.id, body: { slug: trial.slug, company: trial.company, comment: o.comment } },
      idempotencyKey: `T4.3.cancel:trial:${trial.id}:${trial.provisioning_attempt}`,
      at: now,
      pack,
      subject: { type: "trial", id: trial.id },
      actor: o.actor,
    });
  }
  await postTrialAlert(trx, ctx, {
    feed: "cloudOps",
    text: `Cancelled: trial instance ${trial.slug} for ${trial.company} is no longer wanted (${o.comment}). ${wasRequested ? "Stop provisioning it." : "It was still waiting for capacity."} ${appUrl(ctx.config, `/trials/${trial.id}`)}`,
    subject: { type: "trial", id: trial.id },
    actor: o.actor,
    idempotencyKey: `T4.3.alert:trial:${trial.id}:${trial.provisioning_attempt}`,
  });
  await startQueuedTrials(trx, ctx, o.actor);
}
