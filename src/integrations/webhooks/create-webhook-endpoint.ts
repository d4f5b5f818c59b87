import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/app/context.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";
import { generateWebhookSecret } from "./standard-webhooks.js";
import {
  toEndpointView,
  validateEndpointUrl,
  validateEventTypes,
  validateName,
  type WebhookEndpointView,
} from "./webhook-endpoint-input.js";

export interface CreateWebhookEndpointOptions {
  name: string;
  url: string;
  /** Event types to receive; [] or ["*"] = all. */
  eventTypes?: string[] | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

export interface CreatedWebhookEndpoint {
  endpoint: WebhookEndpointView;
  /** The signing secret (whsec_…): returned here and on rotation only, never listed. */
  secret: string;
  /** Non-blocking concerns about the URL (private address, plain http). */
  warnings: string[];
}

export async function createWebhookEndpoint(ctx: AppContext, o: CreateWebhookEndpointOptions): Promise<CreatedWebhookEndpoint> {
  const name = validateName(o.name);
  const { url, warnings } = validateEndpointUrl(o.url, ctx.config.outboundAllowList);
  const eventTypes = validateEventTypes(o.eventTypes ?? []);
  const secret = generateWebhookSecret();
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("webhook_endpoints")
      .values({
        id: randomUUID(),
        name,
        url,
        secret,
        event_types: JSON.stringify(eventTypes),
        active: true,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: o.actor,
      action: "webhook_endpoint.created",
      at: now,
      subject: { type: "webhook_endpoint", id: inserted.id },
      requestId: o.requestId,
      data: { name, url, eventTypes },
    });
    return inserted;
  });
  return { endpoint: toEndpointView(row), secret, warnings };
}
