import type { Updateable } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { WebhookEndpointsTable } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";
import { lockEndpoint } from "./lock-endpoint.js";
import {
  toEndpointView,
  validateEndpointUrl,
  validateEventTypes,
  validateName,
  type WebhookEndpointView,
} from "./webhook-endpoint-input.js";

export interface UpdateWebhookEndpointOptions {
  id: string;
  actor: Actor;
  /** Activate (true) or deactivate (false). */
  active?: boolean | undefined;
  name?: string | undefined;
  url?: string | undefined;
  eventTypes?: string[] | undefined;
  requestId?: string | undefined;
}

export interface UpdatedWebhookEndpoint {
  endpoint: WebhookEndpointView;
  warnings: string[];
}

/** Changes the given fields; the audit row records each field's old and new value. */
export async function updateWebhookEndpoint(ctx: AppContext, o: UpdateWebhookEndpointOptions): Promise<UpdatedWebhookEndpoint> {
  const set: Updateable<WebhookEndpointsTable> = {};
  const after: Record<string, unknown> = {};
  let warnings: string[] = [];
  if (o.name !== undefined) after.name = set.name = validateName(o.name);
  if (o.url !== undefined) {
    const checked = validateEndpointUrl(o.url, ctx.config.outboundAllowList);
    after.url = set.url = checked.url;
    warnings = checked.warnings;
  }
  if (o.eventTypes !== undefined) {
    const types = validateEventTypes(o.eventTypes);
    after.eventTypes = types;
    set.event_types = JSON.stringify(types);
  }
  if (o.active !== undefined) after.active = set.active = o.active;
  if (Object.keys(after).length === 0) {
    throw new AppError("validation_failed", "Nothing to update: give active, name, url or eventTypes.");
  }
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await lockEndpoint(trx, o.id);
    const before = toEndpointView(current) as unknown as Record<string, unknown>;
    const updated = await trx
      .updateTable("webhook_endpoints")
      .set({ ...set, updated_at: now })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const action = o.active === undefined || Object.keys(after).length > 1 ? "updated" : o.active ? "activated" : "deactivated";
    await audit(trx, {
      actor: o.actor,
      action: `webhook_endpoint.${action}`,
      at: now,
      subject: { type: "webhook_endpoint", id: current.id },
      requestId: o.requestId,
      data: { changes: Object.fromEntries(Object.entries(after).map(([k, v]) => [k, { from: before[k], to: v }])) },
    });
    return updated;
  });
  return { endpoint: toEndpointView(row), warnings };
}
