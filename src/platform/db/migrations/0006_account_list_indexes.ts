import { sql, type Kysely } from "kysely";

/**
 * The account list sorts and filters 100,000 accounts within its p95 target only when each sort
 * key has an index ending in the id tie-breaker, and the owner filter has one per role column
 * (measured with bench/accounts-bench.ts on PostgreSQL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists accounts_renewal;
    create index accounts_renewal_id on accounts (contract_end, id);
    create index accounts_updated_id on accounts (updated_at, id);
    create index accounts_close_id on accounts (expected_close_date, id);
    create index accounts_stage_id on accounts (stage, id);
    create index accounts_segment_id on accounts (segment, id);
    create index accounts_ce on accounts (ce_user_id);
    create index accounts_tpm on accounts (tpm_user_id);
    create index accounts_ie on accounts (ie_user_id);
  `.execute(db);
}
