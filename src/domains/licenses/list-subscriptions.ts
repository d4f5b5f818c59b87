import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import { expiringSoonDays } from "./license-terms.js";
import { isExpiringSoon, licenseView, type LicenseFields, type LicenseView } from "./license-view.js";
import type { SubscriptionKind } from "./schema.js";

export interface ListSubscriptionsOptions {
  q?: string | undefined;
  kind?: SubscriptionKind | undefined;
  /** Latest license expires within the X window (7 days) and has not expired. */
  expiringSoon?: boolean | undefined;
  instanceId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface SubscriptionSummary {
  id: string;
  name: string;
  kind: SubscriptionKind;
  instance: { id: string; slug: string; name: string } | null;
  trialId: string | null;
  crmAccountId: string | null;
  createdAt: string;
  createdBy: string;
  /** The newest license: what the customer runs on now. */
  latest: LicenseView | null;
  expiringSoon: boolean;
}

// Keyset on (created_at desc, id desc): the cursor packs the last row's pair (8 bytes of
// milliseconds + the 16 uuid bytes) so it stays short; opaque to clients.
function encode(at: Date, id: string): string {
  const buf = Buffer.alloc(24);
  buf.writeBigInt64BE(BigInt(at.getTime()), 0);
  Buffer.from(id.replace(/-/g, ""), "hex").copy(buf, 8);
  return buf.toString("base64url");
}
function decode(cursor: string): { at: Date; id: string } {
  const buf = Buffer.from(cursor, "base64url");
  if (buf.length !== 24) {
    throw new AppError("validation_failed", "query.cursor: is not a cursor this API returned.", {
      details: { issues: [{ path: ["query", "cursor"], message: "is not a cursor this API returned" }] },
    });
  }
  const hex = buf.subarray(8).toString("hex");
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { at: new Date(Number(buf.readBigInt64BE(0))), id };
}

/** Subscriptions, newest first, each with its latest license (one lateral lookup per row of the page). */
export async function listSubscriptions(ctx: AppContext, o: ListSubscriptionsOptions): Promise<{ items: SubscriptionSummary[]; nextCursor: string | null }> {
  const now = ctx.clock.now();
  const soonDays = expiringSoonDays(ctx.packs.current());
  let query = ctx.db
    .selectFrom("subscriptions as s")
    .leftJoin("instances as i", "i.id", "s.instance_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("licenses as l")
          .select(["l.id", "l.subscription_id", "l.key_id", "l.licensee", "l.user_count", "l.tags", "l.expires_at", "l.created_at", "l.created_by", "l.license_key"])
          .whereRef("l.subscription_id", "=", "s.id")
          .orderBy("l.created_at", "desc")
          .orderBy("l.id", "desc")
          .limit(1)
          .as("latest"),
      (join) => join.onTrue(),
    )
    .select([
      "s.id as s_id", "s.name", "s.kind", "s.instance_id", "s.trial_id", "s.crm_account_id", "s.created_at as s_created_at", "s.created_by as s_created_by",
      "i.slug as instance_slug", "i.name as instance_name",
      "latest.id", "latest.subscription_id", "latest.key_id", "latest.licensee", "latest.user_count", "latest.tags", "latest.expires_at", "latest.created_at", "latest.created_by", "latest.license_key",
    ])
    .orderBy("s.created_at", "desc")
    .orderBy("s.id", "desc")
    .limit(o.limit + 1);
  if (o.kind) query = query.where("s.kind", "=", o.kind);
  if (o.instanceId) query = query.where("s.instance_id", "=", o.instanceId);
  if (o.expiringSoon) {
    query = query.where("latest.expires_at", ">", now).where("latest.expires_at", "<=", new Date(now.getTime() + soonDays * 86_400_000));
  }
  if (o.cursor) {
    const c = decode(o.cursor);
    query = query.where((eb) => eb.or([eb("s.created_at", "<", c.at), eb.and([eb("s.created_at", "=", c.at), eb(sql`s.id::text`, "<", c.id)])]));
  }
  const q = o.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) =>
      eb.or([eb("s.name", "ilike", like), eb("s.crm_account_id", "ilike", like), eb("i.slug", "ilike", like), eb("latest.licensee", "ilike", like)]),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, o.limit);
  const items = page.map((r): SubscriptionSummary => {
    // The lateral row is all or nothing (every license column is NOT NULL): its id says which.
    const latest = r.id === null ? null : licenseView(r as LicenseFields, now);
    return {
      id: r.s_id,
      name: r.name,
      kind: r.kind,
      instance: r.instance_id && r.instance_slug && r.instance_name ? { id: r.instance_id, slug: r.instance_slug, name: r.instance_name } : null,
      trialId: r.trial_id,
      crmAccountId: r.crm_account_id,
      createdAt: r.s_created_at.toISOString(),
      createdBy: r.s_created_by,
      latest,
      expiringSoon: latest !== null && isExpiringSoon(latest, soonDays),
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > o.limit && last ? encode(last.s_created_at, last.s_id) : null };
}
