import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import { expiringSoonDays } from "./license-terms.js";
import { isExpiringSoon, licenseView, type LicenseView } from "./license-view.js";
import type { SubscriptionSummary } from "./list-subscriptions.js";
import { verifyLicense } from "./verify-license.js";
import type { LicenseVerification } from "./license-key.js";

/** A license as listed on its subscription, with its key checked now (signature, expiry). */
export interface CheckedLicense extends LicenseView {
  verification: Pick<LicenseVerification, "valid" | "reason" | "message">;
}

export interface SubscriptionDetail extends SubscriptionSummary {
  /** Every license, newest first (the append-only history). */
  licenses: CheckedLicense[];
}

export async function getSubscription(ctx: AppContext, id: string): Promise<SubscriptionDetail> {
  const sub = await ctx.db
    .selectFrom("subscriptions as s")
    .leftJoin("instances as i", "i.id", "s.instance_id")
    .selectAll("s")
    .select(["i.slug as instance_slug", "i.name as instance_name"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!sub) throw notFound("Subscription", id);
  const rows = await ctx.db.selectFrom("licenses").selectAll().where("subscription_id", "=", id).orderBy("created_at", "desc").orderBy("id", "desc").execute();
  const now = ctx.clock.now();
  const licenses = rows.map((r): CheckedLicense => {
    const { valid, reason, message } = verifyLicense(ctx, r.license_key);
    return { ...licenseView(r, now), verification: { valid, reason, message } };
  });
  const latest = licenses[0] ?? null;
  return {
    id: sub.id,
    name: sub.name,
    kind: sub.kind,
    instance: sub.instance_id && sub.instance_slug && sub.instance_name ? { id: sub.instance_id, slug: sub.instance_slug, name: sub.instance_name } : null,
    trialId: sub.trial_id,
    crmAccountId: sub.crm_account_id,
    createdAt: sub.created_at.toISOString(),
    createdBy: sub.created_by,
    latest,
    expiringSoon: latest !== null && isExpiringSoon(latest, expiringSoonDays(ctx.packs.current())),
    licenses,
  };
}

export interface LicenseDetail extends LicenseView {
  subscriptionName: string;
  /** The key checked here and now: decoded payload, signature and expiry. */
  verification: LicenseVerification;
}

export async function getLicense(ctx: AppContext, id: string): Promise<LicenseDetail> {
  const row = await ctx.db
    .selectFrom("licenses as l")
    .innerJoin("subscriptions as s", "s.id", "l.subscription_id")
    .selectAll("l")
    .select("s.name as subscription_name")
    .where("l.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("License", id);
  return { ...licenseView(row, ctx.clock.now()), subscriptionName: row.subscription_name, verification: verifyLicense(ctx, row.license_key) };
}
