import type { AppContext } from "../../platform/app/context.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";
import { lockEndpoint } from "./lock-endpoint.js";
import { generateWebhookSecret } from "./standard-webhooks.js";
import { toEndpointView, type WebhookEndpointView } from "./webhook-endpoint-input.js";

export interface RotateWebhookSecretOptions {
  id: string;
  actor: Actor;
  requestId?: string | undefined;
}

export interface RotatedWebhookSecret {
  endpoint: WebhookEndpointView;
  /** The new secret, shown this once. */
  secret: string;
}

/**
 * Replaces the signing secret at once: the next attempt of every waiting delivery is signed
 * with the new one (signatures are computed per attempt, not stored), so the receiver must
 * switch to the new secret when this returns.
 */
export async function rotateWebhookSecret(ctx: AppContext, o: RotateWebhookSecretOptions): Promise<RotatedWebhookSecret> {
  const secret = generateWebhookSecret();
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockEndpoint(trx, o.id);
    const updated = await trx
      .updateTable("webhook_endpoints")
      .set({ secret, updated_at: now })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: o.actor,
      action: "webhook_endpoint.secret_rotated",
      at: now,
      subject: { type: "webhook_endpoint", id: current.id },
      requestId: o.requestId,
      data: { name: current.name },
    });
    return updated;
  });
  return { endpoint: toEndpointView(row), secret };
}
