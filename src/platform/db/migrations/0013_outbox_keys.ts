import { sql, type Kysely } from "kysely";

/**
 * Idempotency keys move to an insert-only table. As a UNIQUE index on outbox, the key took a
 * new entry on every status change (a status change is never a HOT update: status is in the
 * partial indexes' predicates), twice per delivery, although the key never changes: some 23 %
 * of the claim's update and 37 % of the outcome's in a PGlite micro-benchmark (decision 0021).
 * outbox_keys is written once, by enqueue, in the same statement as the row, and its primary
 * key is what makes a second enqueue with the same key a no-op. outbox.idempotency_key stays,
 * unindexed, for the worker (delivery id) and the Outbox page; lookups by key go through
 * outbox_keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbox_keys (
      idempotency_key text primary key,
      outbox_id bigint not null references outbox(id)
    );
    insert into outbox_keys (idempotency_key, outbox_id) select idempotency_key, id from outbox;
    alter table outbox drop constraint outbox_idempotency_key_key;
  `.execute(db);
}
