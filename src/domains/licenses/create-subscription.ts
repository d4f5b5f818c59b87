import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { checkTerms, nameSlug } from "./license-terms.js";
import { actorLabel, recordLicense, subjectsOf } from "./record-license.js";
import type { SubscriptionKind, SubscriptionRow } from "./schema.js";

export interface CreateSubscriptionOptions {
  name: string;
  kind: SubscriptionKind;
  instanceId?: string | null;
  crmAccountId?: string | null;
  userCount: number;
  tags: string[];
  expiresAt: Date;
  actor: Actor;
  /** Default: the name made slug-like ("Acme Corp" → "acme-corp"). */
  licensee?: string;
  requestId?: string | undefined;
}

export interface CreatedSubscription {
  subscriptionId: string;
  licenseId: string;
  licenseKey: string;
}

/** X: a new subscription with its first license (conversion to production creates a new one). Uses only trx. */
export async function createSubscription(trx: Transaction<Database>, ctx: AppContext, o: CreateSubscriptionOptions): Promise<CreatedSubscription> {
  const terms = { licensee: o.licensee ?? nameSlug(o.name), userCount: o.userCount, tags: o.tags, expiresAt: o.expiresAt };
  checkTerms(terms, ctx.clock.now());
  const sub = await openSubscription(trx, ctx, { name: o.name, kind: o.kind, instanceId: o.instanceId ?? null, trialId: null, crmAccountId: o.crmAccountId ?? null, actor: o.actor, requestId: o.requestId });
  const license = await recordLicense(trx, ctx, sub, { terms, actor: o.actor, requestId: o.requestId });
  return { subscriptionId: sub.id, ...license };
}

export interface OpenSubscriptionOptions {
  name: string;
  kind: SubscriptionKind;
  instanceId: string | null;
  trialId: string | null;
  crmAccountId: string | null;
  actor: Actor;
  requestId?: string | undefined;
}

const invalid = (field: string, problem: string) =>
  new AppError("validation_failed", `${field}: ${problem}.`, { details: { issues: [{ path: ["body", field], message: problem }] } });

/** Inserts the subscription row and records it on its subjects (no license yet). */
export async function openSubscription(trx: Transaction<Database>, ctx: AppContext, o: OpenSubscriptionOptions): Promise<SubscriptionRow> {
  const name = o.name.trim();
  if (name === "" || name.length > 200) throw invalid("name", "must be 1 to 200 characters");
  if (o.instanceId) {
    const found = await trx.selectFrom("instances").select("id").where("id", "=", o.instanceId).executeTakeFirst();
    if (!found) throw invalid("instanceId", "no instance has this id");
  }
  const now = ctx.clock.now();
  const sub = await trx
    .insertInto("subscriptions")
    .values({
      id: randomUUID(),
      name,
      kind: o.kind,
      instance_id: o.instanceId,
      trial_id: o.trialId,
      crm_account_id: o.crmAccountId?.trim() || null,
      created_at: now,
      created_by: actorLabel(o.actor),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const subject of subjectsOf(sub)) {
    await recordChange(trx, {
      actor: o.actor,
      action: "subscription.created",
      summary: `${o.kind === "trial" ? "Trial" : "Production"} subscription ${name} created`,
      subject,
      at: now,
      data: { subscriptionId: sub.id, name, kind: o.kind, instanceId: o.instanceId, trialId: o.trialId, crmAccountId: sub.crm_account_id },
      requestId: o.requestId,
    });
  }
  return sub;
}
