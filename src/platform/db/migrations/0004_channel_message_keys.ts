import { sql, type Kysely } from "kysely";

/** Channel posts are idempotent per channel by key: one indexed insert instead of a lock and a lookup. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table channel_messages add column idempotency_key text;
    create unique index channel_messages_key on channel_messages (channel_id, idempotency_key);
  `.execute(db);
}
