import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordLicense } from "./record-license.js";

export interface IssueLicenseOptions {
  subscriptionId: string;
  /** Default: the licensee of the subscription's latest license. */
  licensee?: string;
  userCount: number;
  tags: string[];
  expiresAt: Date;
  actor: Actor;
  requestId?: string | undefined;
}

/** X: renewals and seat changes add a license to the existing subscription (licenses never change). Uses only trx. */
export async function issueLicense(trx: Transaction<Database>, ctx: AppContext, o: IssueLicenseOptions): Promise<{ licenseId: string; licenseKey: string }> {
  const sub = await trx.selectFrom("subscriptions").selectAll().where("id", "=", o.subscriptionId).executeTakeFirst();
  if (!sub) throw notFound("Subscription", o.subscriptionId);
  const licensee = o.licensee ?? (await latestLicensee(trx, sub.id));
  if (licensee === undefined) {
    throw new AppError("validation_failed", "licensee: required (this subscription has no license to take it from).", {
      details: { issues: [{ path: ["body", "licensee"], message: "required (this subscription has no license to take it from)" }] },
    });
  }
  return recordLicense(trx, ctx, sub, { terms: { licensee, userCount: o.userCount, tags: o.tags, expiresAt: o.expiresAt }, actor: o.actor, requestId: o.requestId });
}

export async function latestLicensee(trx: Transaction<Database>, subscriptionId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom("licenses")
    .select("licensee")
    .where("subscription_id", "=", subscriptionId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.licensee;
}
