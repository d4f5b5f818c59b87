import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { subjectsOf } from "./record-license.js";
import { trialSubscription } from "./trial-subscription.js";

export interface AttachTrialSubscriptionOptions {
  trialId: string;
  instanceId: string;
  actor: Actor;
}

/**
 * When the trial instance exists (T6/T7), its subscription points at it, so the instance page
 * lists the license. The subscription row may change; its licenses never do. Uses only trx.
 */
export async function attachTrialSubscriptionToInstance(trx: Transaction<Database>, ctx: AppContext, o: AttachTrialSubscriptionOptions): Promise<void> {
  const sub = await trialSubscription(trx, o.trialId);
  if (sub.instance_id === o.instanceId) return;
  const instance = await trx.selectFrom("instances").select(["id", "slug"]).where("id", "=", o.instanceId).executeTakeFirst();
  if (!instance) throw notFound("Instance", o.instanceId);
  await trx.updateTable("subscriptions").set({ instance_id: o.instanceId }).where("id", "=", sub.id).execute();
  const now = ctx.clock.now();
  for (const subject of subjectsOf({ ...sub, instance_id: o.instanceId })) {
    await recordChange(trx, {
      actor: o.actor,
      action: "subscription.instance_attached",
      summary: `Subscription ${sub.name} attached to instance ${instance.slug}`,
      subject,
      at: now,
      data: { subscriptionId: sub.id, instanceId: o.instanceId, previousInstanceId: sub.instance_id },
    });
  }
}
