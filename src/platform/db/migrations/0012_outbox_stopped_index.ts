import { sql, type Kysely } from "kysely";

/**
 * outbox_status_created (status, created_at) served no query as such (the Outbox list pages by
 * id; its per-status counts aggregate the whole table) yet took an entry on every status change
 * (an update that changes status writes to every index): twice per delivery, at the claim and
 * at the outcome, some 13–30% of the SQL work of a fast delivery (decision 0021). What an index
 * on status is for is the list's filter on the rare terminal statuses (dead, cancelled): a
 * partial index on those takes no entry on the delivery path. Pending and retrying rows are
 * reached through outbox_due, sending ones through outbox_leased, delivered ones (most rows)
 * through the primary key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists outbox_status_created;
    create index outbox_stopped on outbox (status, id) where status in ('dead', 'cancelled');
  `.execute(db);
}
