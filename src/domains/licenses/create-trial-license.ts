import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { checkTerms, nameSlug } from "./license-terms.js";
import { openSubscription } from "./create-subscription.js";
import { recordLicense } from "./record-license.js";

export interface CreateTrialLicenseOptions {
  trialId: string;
  customerName: string;
  expiresAt: Date;
  actor: Actor;
  crmAccountId?: string | null;
}

/**
 * T6: the trial's own subscription (kind trial) and its license from the pack: licensee
 * `<customer-name><userSuffix>` ("acme-plg-trial"), the pack's user count and tags. Runs in the
 * trial flow's transaction and uses only trx.
 */
export async function createTrialLicense(
  trx: Transaction<Database>,
  ctx: AppContext,
  o: CreateTrialLicenseOptions,
): Promise<{ subscriptionId: string; licenseId: string; licenseKey: string }> {
  const pack = ctx.packs.current().trials.license;
  const terms = { licensee: `${nameSlug(o.customerName)}${pack.userSuffix}`, userCount: pack.userCount, tags: pack.tags, expiresAt: o.expiresAt };
  checkTerms(terms, ctx.clock.now());
  const trial = await trx.selectFrom("trials").select(["id", "instance_id"]).where("id", "=", o.trialId).executeTakeFirst();
  if (!trial) throw notFound("Trial", o.trialId);
  const existing = await trx.selectFrom("subscriptions").select("id").where("trial_id", "=", o.trialId).where("kind", "=", "trial").executeTakeFirst();
  if (existing) {
    throw new AppError("already_exists", `Trial ${o.trialId} has its subscription ${existing.id} already; extend it with a new license instead.`, {
      details: { subscriptionId: existing.id },
    });
  }
  const sub = await openSubscription(trx, ctx, {
    name: `${o.customerName.trim() || "Customer"} trial`,
    kind: "trial",
    instanceId: trial.instance_id,
    trialId: o.trialId,
    crmAccountId: o.crmAccountId ?? null,
    actor: o.actor,
  });
  const license = await recordLicense(trx, ctx, sub, { terms, actor: o.actor });
  return { subscriptionId: sub.id, ...license };
}
