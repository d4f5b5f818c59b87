import type { Selectable, Transaction } from "kysely";
import type { Database, WebhookEndpointsTable } from "../../platform/db/database.js";
import { notFound } from "../../platform/errors/app-error.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads an endpoint for a change (row-locked); a malformed id is simply not found. */
export async function lockEndpoint(trx: Transaction<Database>, id: string): Promise<Selectable<WebhookEndpointsTable>> {
  const row = UUID.test(id)
    ? await trx.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).forUpdate().executeTakeFirst()
    : undefined;
  if (!row) throw notFound("Webhook endpoint", id);
  return row;
}
