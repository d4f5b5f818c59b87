import type { Transaction } from "kysely";
import type { AppContext } from "../../../platform/app/context.js";
import type { Database } from "../../../platform/db/database.js";
import { AppError } from "../../../platform/errors/app-error.js";
import type { Actor } from "../../../platform/timeline/actor.js";
import { recordChange } from "../../../platform/timeline/record.js";
import { linkTrialInstanceToAccount } from "../../accounts/trial-instance-account.js";
import { createSubscription } from "../../licenses/create-subscription.js";
import { nameSlug } from "../../licenses/license-terms.js";
import { startQueuedTrials } from "../capacity.js";
import { setLeadStatus, statusName } from "../lead-status.js";
import { postTrialAlert } from "../trial-alerts.js";
import { recordTrialChange } from "../trial-records.js";
import type { TrialRecords } from "./lock-trial.js";
import { trialLink } from "./trial-vars.js";

export interface ConvertTrialOptions {
  records: TrialRecords;
  /** The production license's users (0 = unlimited); also the instance's seats. */
  userCount: number | undefined;
  expiresAt: Date | undefined;
  /** Default: the trial license's tags without the trial markers (see defaultProductionTags). */
  tags: string[] | undefined;
  crmAccountId: string | null | undefined;
  note: string | null;
  actor: Actor;
  by: string;
  requestId?: string | undefined;
}

const missing = (field: string, why: string) =>
  new AppError("validation_failed", `${field}: ${why}`, { details: { issues: [{ path: ["body", field], message: why }] } });

/**
 * Tags of a trial's license that say "this is a trial" ("trial", "plg-trial"): dropped when
 * the features carry over to production. The pack has no conversion tags yet (see the decision).
 */
export function defaultProductionTags(trialTags: readonly string[]): string[] {
  return trialTags.filter((t) => !/(^|[-:])trial$/i.test(t.trim()));
}

/**
 * T11 "only PQLs are converted"; X "convert changes the instance type from trial to
 * production" and "conversion creates a new subscription". The lead becomes Converted, the
 * trial closes and its slot frees for the queue (T5). The caller checked role and state.
 */
export async function convertTrial(trx: Transaction<Database>, ctx: AppContext, o: ConvertTrialOptions): Promise<{ subscriptionId: string; licenseId: string }> {
  const pack = ctx.packs.current();
  const { trial, lead, instance } = o.records;
  const pql = statusName(pack, "pql");
  if (lead.status !== pql) {
    throw new AppError("not_pql", `Only product-qualified leads convert (T11): this lead's status is "${lead.status}", not "${pql}".`, {
      details: { status: lead.status, required: pql },
    });
  }
  if (!instance) throw new AppError("invalid_state", `Trial ${trial.id} has no instance to convert.`);
  if (o.userCount === undefined) throw missing("userCount", "is required to convert (the production license's users; 0 = unlimited)");
  if (o.expiresAt === undefined) throw missing("expiresAt", "is required to convert (when the production license expires)");
  const now = ctx.clock.now();

  const seats = o.userCount === 0 ? null : o.userCount;
  await trx.updateTable("instances").set({ kind: "production", seats, updated_at: now }).where("id", "=", instance.id).execute();
  await recordChange(trx, {
    actor: o.actor,
    action: "instance.updated",
    summary: "Changed kind, seats (trial converted to production)",
    subject: { type: "instance", id: instance.id },
    at: now,
    data: { changes: { kind: { from: instance.kind, to: "production" }, seats: { from: instance.seats, to: seats } }, trialId: trial.id },
    requestId: o.requestId,
  });

  // The instance and its usage history carry over into the customer book.
  const accountId = await linkTrialInstanceToAccount(trx, ctx, { lead, instance, crmAccountId: o.crmAccountId, createWhenMissing: true, actor: o.actor, requestId: o.requestId });
  const tags = o.tags ?? defaultProductionTags(await trialLicenseTags(trx, trial.id, pack.trials.license.tags));
  const account = accountId ? await trx.selectFrom("accounts").select("crm_id").where("id", "=", accountId).executeTakeFirst() : undefined;
  const sub = await createSubscription(trx, ctx, {
    name: trial.company,
    kind: "production",
    instanceId: instance.id,
    crmAccountId: o.crmAccountId ?? account?.crm_id ?? null,
    userCount: o.userCount,
    tags,
    expiresAt: o.expiresAt,
    licensee: nameSlug(trial.company),
    actor: o.actor,
    requestId: o.requestId,
  });

  await setLeadStatus(trx, ctx, { lead, status: "converted", actor: o.actor, set: { converted_at: now }, requestId: o.requestId, data: { trialId: trial.id } });
  await trx
    .updateTable("trials")
    .set({ state: "converted", closed_at: now, close_reason: "converted to production", decision: "convert", decision_at: now, decision_by: o.by, decision_note: o.note, updated_at: now })
    .where("id", "=", trial.id)
    .execute();
  await recordTrialChange(trx, ctx, {
    trial,
    actor: o.actor,
    action: "trial.converted",
    summary: `Trial converted to production (${o.userCount === 0 ? "unlimited" : o.userCount} users)`,
    data: { from: trial.state, to: "converted", decision: "convert", subscriptionId: sub.subscriptionId, licenseId: sub.licenseId, note: o.note },
    reason: o.note ?? undefined,
    requestId: o.requestId,
  });
  await postTrialAlert(trx, ctx, {
    feed: "trialAlerts",
    text: `Trial converted: ${trial.company} (${trial.slug}) is now a production instance. ${trialLink(ctx, trial.id)}`,
    subject: { type: "trial", id: trial.id },
    actor: o.actor,
    idempotencyKey: `T10.decision:trial:${trial.id}:convert`,
  });
  await startQueuedTrials(trx, ctx, o.actor);
  return { subscriptionId: sub.subscriptionId, licenseId: sub.licenseId };
}

/** The latest trial license's tags, or the pack's trial tags when the trial has no license. */
async function trialLicenseTags(trx: Transaction<Database>, trialId: string, fallback: readonly string[]): Promise<string[]> {
  const row = await trx
    .selectFrom("licenses as l")
    .innerJoin("subscriptions as s", "s.id", "l.subscription_id")
    .select("l.tags")
    .where("s.trial_id", "=", trialId)
    .orderBy("l.created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? row.tags : [...fallback];
}
