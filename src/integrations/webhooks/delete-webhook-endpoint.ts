import type { AppContext } from "../../platform/app/context.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";
import { lockEndpoint } from "./lock-endpoint.js";
import { toEndpointView, type WebhookEndpointView } from "./webhook-endpoint-input.js";

export interface DeleteWebhookEndpointOptions {
  id: string;
  actor: Actor;
  reason?: string | undefined;
  requestId?: string | undefined;
}

/**
 * Soft delete: the endpoint stops receiving (active = false) but its row stays, so outbox
 * items and audit entries that name it still resolve. Waiting deliveries to it go to dead
 * with a clear message at their next attempt.
 */
export async function deleteWebhookEndpoint(ctx: AppContext, o: DeleteWebhookEndpointOptions): Promise<WebhookEndpointView> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockEndpoint(trx, o.id);
    const updated = await trx
      .updateTable("webhook_endpoints")
      .set({ active: false, updated_at: now })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: o.actor,
      action: "webhook_endpoint.deleted",
      at: now,
      subject: { type: "webhook_endpoint", id: current.id },
      reason: o.reason,
      requestId: o.requestId,
      data: { name: current.name, url: current.url, wasActive: current.active },
    });
    return updated;
  });
  return toEndpointView(row);
}
