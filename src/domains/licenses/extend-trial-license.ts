import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordLicense } from "./record-license.js";
import { trialSubscription } from "./trial-subscription.js";

export interface ExtendTrialLicenseOptions {
  trialId: string;
  expiresAt: Date;
  actor: Actor;
}

/**
 * X: licenses are immutable, so extending a trial adds a license to its subscription with the
 * new expiry and the latest license's licensee, users and tags. Uses only trx.
 */
export async function extendTrialLicense(trx: Transaction<Database>, ctx: AppContext, o: ExtendTrialLicenseOptions): Promise<{ licenseId: string; licenseKey: string }> {
  const sub = await trialSubscription(trx, o.trialId);
  const latest = await trx
    .selectFrom("licenses")
    .select(["licensee", "user_count", "tags"])
    .where("subscription_id", "=", sub.id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!latest) throw new AppError("invalid_state", `Trial subscription ${sub.id} has no license to extend.`);
  return recordLicense(trx, ctx, sub, {
    terms: { licensee: latest.licensee, userCount: latest.user_count, tags: latest.tags, expiresAt: o.expiresAt },
    actor: o.actor,
  });
}
