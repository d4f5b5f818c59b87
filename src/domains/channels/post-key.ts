import { sql, type Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";

/** The audit action every channel message writes; its data carries the idempotency key. */
export const MESSAGE_POSTED = "channel.message_posted";

/**
 * Whether `key` is still unused in this channel; if so, it stays reserved for the caller until
 * its transaction ends. channel_messages has no key column, so the key lives in the message's
 * audit row; a transaction-scoped advisory lock on the key makes check-then-insert safe
 * between processes (the second caller waits, then sees the first one's committed row).
 * A unique key column on channel_messages would make this one indexed insert.
 */
export async function claimPostKey(trx: Transaction<Database>, channelId: string, key: string): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`trellis.channel-post:${channelId}:${key}`}, 0))`.execute(trx);
  const seen = await trx
    .selectFrom("audit_log")
    .select("id")
    .where("subject_type", "=", "channel")
    .where("subject_id", "=", channelId)
    .where("action", "=", MESSAGE_POSTED)
    .where(sql<string>`data->>'idempotencyKey'`, "=", key)
    .limit(1)
    .executeTakeFirst();
  return seen === undefined;
}
