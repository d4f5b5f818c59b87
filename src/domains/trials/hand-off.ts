import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { insertInstance } from "../instances/create-instance.js";
import { linkTrialInstanceToAccount } from "../accounts/trial-instance-account.js";
import { attachTrialSubscriptionToInstance } from "../licenses/attach-instance.js";
import { setLeadStatus } from "./lead-status.js";
import { queueEmail } from "./queue-email.js";
import type { TrialRow } from "./schema.js";
import { postTrialAlert } from "./trial-alerts.js";
import { userEmails } from "./recipients.js";
import { recordTrialChange } from "./trial-records.js";

export interface HandOffOptions {
  trial: TrialRow;
  instanceUrl: string;
  passwordResetUrl: string;
  actor: Actor;
  requestId?: string | undefined;
}

export interface HandedOff {
  trial: TrialRow;
  instanceId: string;
  /** The new instance's usage ingestion token, shown once to whoever reported it ready. */
  ingestToken: string;
}

/**
 * T7: the instance is ready: it is registered (mapped to the lead's company), the trial license's
 * subscription is attached to it, the admin gets the onboarding email (cc AE and CE) with the
 * password-reset, checklist and CE booking links, the lead becomes "Trial Instance Handed Off",
 * and the trial's clock starts (ends after pack.trials.lengthDays). The onboarding sequence
 * (rule T7.onboarding-email) counts from handed_off_at.
 */
export async function handOffTrial(trx: Transaction<Database>, ctx: AppContext, o: HandOffOptions): Promise<HandedOff> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const lead = await trx.selectFrom("leads").selectAll().where("id", "=", o.trial.lead_id).executeTakeFirstOrThrow();
  const { row: instance, ingestToken } = await insertInstance(trx, ctx, {
    slug: o.trial.slug,
    name: lead.company,
    kind: "trial",
    company: lead.company,
    adminEmail: o.trial.admin_email,
    url: o.instanceUrl,
    actor: o.actor,
    requestId: o.requestId,
  });
  await recordChange(trx, {
    actor: o.actor,
    action: "instance.mapped_to_company",
    summary: `Mapped to ${lead.company} (the lead's Company field)`,
    subject: { type: "instance", id: instance.id },
    at: now,
    data: { company: lead.company, leadId: lead.id, trialId: o.trial.id },
  });
  await attachTrialSubscriptionToInstance(trx, ctx, { trialId: o.trial.id, instanceId: instance.id, actor: o.actor });
  await linkTrialInstanceToAccount(trx, ctx, { lead, instance, createWhenMissing: false, actor: o.actor, requestId: o.requestId });
  const endsAt = new Date(now.getTime() + pack.trials.lengthDays * DAY_MS);
  const trial = await trx
    .updateTable("trials")
    .set({ state: "running", instance_id: instance.id, ready_at: now, handed_off_at: now, ends_at: endsAt, provisioning_error: null, updated_at: now })
    .where("id", "=", o.trial.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await setLeadStatus(trx, ctx, { lead, status: "handedOff", actor: o.actor, set: { handed_off_at: now }, requestId: o.requestId });
  const ce = lead.ce_user_id ? await trx.selectFrom("users").select(["name", "booking_url"]).where("id", "=", lead.ce_user_id).executeTakeFirst() : undefined;
  await queueEmail(trx, ctx, {
    template: "trialHandOff",
    to: [o.trial.admin_email],
    cc: await userEmails(trx, [lead.ae_user_id, lead.ce_user_id]),
    vars: {
      name: o.trial.admin_name,
      company: lead.company,
      instanceUrl: o.instanceUrl,
      passwordResetUrl: o.passwordResetUrl,
      checklistUrl: pack.trials.onboardingChecklistUrl,
      bookingUrl: ce?.booking_url ?? pack.trials.defaultBookingUrl,
      ceName: ce?.name ?? "our customer engineering team",
      trialEndsOn: endsAt.toISOString().slice(0, 10),
    },
    idempotencyKey: `T7.hand-off:trial:${trial.id}`,
    subject: { type: "trial", id: trial.id },
    actor: o.actor,
  });
  await recordTrialChange(trx, ctx, {
    trial,
    actor: o.actor,
    action: "trial.handed_off",
    summary: `Instance ${o.trial.slug} ready at ${o.instanceUrl} and handed off to ${o.trial.admin_email}; trial ends ${endsAt.toISOString().slice(0, 10)}; onboarding emails start (${pack.trials.onboardingSequence.length})`,
    data: { instanceId: instance.id, instanceUrl: o.instanceUrl, endsAt: endsAt.toISOString(), onboardingSequence: pack.trials.onboardingSequence.map((s) => s.id) },
    requestId: o.requestId,
  });
  await postTrialAlert(trx, ctx, {
    feed: "trialAlerts",
    text: `Handed off: ${lead.company}'s instance ${o.instanceUrl} is ready (trial ends ${endsAt.toISOString().slice(0, 10)}): ${appUrl(ctx.config, `/trials/${trial.id}`)}`,
    subject: { type: "trial", id: trial.id },
    actor: o.actor,
    idempotencyKey: `T7.alert:trial:${trial.id}`,
  });
  return { trial, instanceId: instance.id, ingestToken };
}
