import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { enqueue } from "../../platform/outbox/enqueue.js";
import type { Actor } from "../../platform/timeline/actor.js";
import type { Subject } from "../../platform/timeline/record.js";
import { isSubscribed } from "./webhook-endpoint-input.js";

export interface EmitEventOptions {
  /** Event type, e.g. "lead.status_changed". */
  type: string;
  data: Record<string, unknown>;
  subject?: Subject | undefined;
  actor: Actor;
  /** What makes this event unique ("lead.status_changed:<lead>:<n>"); one delivery per endpoint. */
  idempotencyKey: string;
}

/**
 * Enqueues one webhook delivery per active endpoint subscribed to the type, in the caller's
 * transaction: the event is sent only if the business change commits. The caller calls
 * ctx.notifyOutbox() after commit for prompt delivery. Returns the new outbox ids.
 */
export async function emitEvent(
  trx: Transaction<Database> | Kysely<Database>,
  ctx: AppContext,
  o: EmitEventOptions,
): Promise<number[]> {
  const endpoints = await trx
    .selectFrom("webhook_endpoints")
    .select(["id", "event_types"])
    .where("active", "=", true)
    .orderBy("created_at")
    .execute();
  const now = ctx.clock.now();
  const pack = ctx.packs.current();
  const ids: number[] = [];
  for (const endpoint of endpoints.filter((e) => isSubscribed(e.event_types, o.type))) {
    const id = await enqueue(trx, {
      channel: "webhook",
      payload: { endpointId: endpoint.id, type: o.type, data: o.data, timestamp: now.toISOString() },
      idempotencyKey: `${o.idempotencyKey}:webhook:${endpoint.id}`,
      at: now,
      pack,
      subject: o.subject,
      actor: o.actor,
    });
    if (id !== null) ids.push(id);
  }
  return ids;
}
