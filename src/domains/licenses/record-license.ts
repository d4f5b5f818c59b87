import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange, type Subject } from "../../platform/timeline/record.js";
import { newNonce, signLicenseKey, LICENSE_FORMAT_VERSION } from "./license-key.js";
import { checkTerms, type LicenseTerms } from "./license-terms.js";
import type { SubscriptionRow } from "./schema.js";
import { keyRing } from "./signing-keys.js";

/** The records a subscription change shows on: itself, its trial, its instance. */
export function subjectsOf(sub: Pick<SubscriptionRow, "id" | "trial_id" | "instance_id">): Subject[] {
  const subjects: Subject[] = [{ type: "subscription", id: sub.id }];
  if (sub.trial_id) subjects.push({ type: "trial", id: sub.trial_id });
  if (sub.instance_id) subjects.push({ type: "instance", id: sub.instance_id });
  return subjects;
}

export interface RecordLicenseOptions {
  terms: LicenseTerms;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * Signs and stores one license under a subscription, in the caller's transaction (only trx:
 * the trial flow calls this inside its own). Licenses are never changed afterwards.
 */
export async function recordLicense(
  trx: Transaction<Database>,
  ctx: AppContext,
  sub: SubscriptionRow,
  o: RecordLicenseOptions,
): Promise<{ licenseId: string; licenseKey: string }> {
  const now = ctx.clock.now();
  const terms = checkTerms(o.terms, now);
  const key = keyRing(ctx.config, ctx.log).signing(now);
  const id = randomUUID();
  const nonce = newNonce();
  const licenseKey = signLicenseKey(
    {
      v: LICENSE_FORMAT_VERSION,
      kid: key.kid,
      licensee: terms.licensee,
      userCount: terms.userCount,
      tags: terms.tags,
      expiresAt: terms.expiresAt.toISOString(),
      issuedAt: now.toISOString(),
      nonce,
      subscriptionId: sub.id,
    },
    key.privateKey,
  );
  await trx
    .insertInto("licenses")
    .values({
      id,
      subscription_id: sub.id,
      key_id: key.kid,
      licensee: terms.licensee,
      user_count: terms.userCount,
      tags: JSON.stringify(terms.tags),
      expires_at: terms.expiresAt,
      nonce,
      license_key: licenseKey,
      created_at: now,
      created_by: actorLabel(o.actor),
    })
    .execute();
  const users = terms.userCount === 0 ? "unlimited users" : `${terms.userCount.toLocaleString("en-US")} users`;
  for (const subject of subjectsOf(sub)) {
    await recordChange(trx, {
      actor: o.actor,
      action: "license.issued",
      summary: `License issued to ${terms.licensee}: ${users}, expires ${terms.expiresAt.toISOString().slice(0, 10)}`,
      subject,
      at: now,
      data: {
        licenseId: id,
        subscriptionId: sub.id,
        keyId: key.kid,
        licensee: terms.licensee,
        userCount: terms.userCount,
        tags: terms.tags,
        expiresAt: terms.expiresAt.toISOString(),
      },
      requestId: o.requestId,
    });
  }
  return { licenseId: id, licenseKey };
}

export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case "user":
    case "api_token":
    case "system":
      return actor.label;
    case "rule":
      return `rule ${actor.ruleId} (pack ${actor.packVersion})`;
    default: {
      const unreachable: never = actor;
      return String(unreachable);
    }
  }
}
