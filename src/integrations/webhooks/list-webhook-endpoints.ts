import type { AppContext } from "../../platform/app/context.js";
import { toEndpointView, type WebhookEndpointView } from "./webhook-endpoint-input.js";

export interface ListWebhookEndpointsOptions {
  /** Include deactivated (and deleted) endpoints; default true so the admin sees everything. */
  includeInactive?: boolean | undefined;
}

/** Every endpoint, oldest first, without secrets. */
export async function listWebhookEndpoints(ctx: AppContext, o: ListWebhookEndpointsOptions = {}): Promise<WebhookEndpointView[]> {
  let query = ctx.db.selectFrom("webhook_endpoints").selectAll().orderBy("created_at").orderBy("id");
  if (o.includeInactive === false) query = query.where("active", "=", true);
  return (await query.execute()).map(toEndpointView);
}
