import { sql, type Kysely } from "kysely";

/**
 * The account list's text search ("contains", on names and domains) with trigram indexes:
 * without them a search reads all 100,000 names (about 100 ms on PostgreSQL here, over the
 * list's 100 ms p95 target). pg_trgm is a trusted extension on PostgreSQL 13+, and PGlite loads
 * it (open-database.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;
    create index accounts_name_trgm on accounts using gin (lower(name) gin_trgm_ops);
    create index account_domains_trgm on account_domains using gin (domain gin_trgm_ops);
  `.execute(db);
}
