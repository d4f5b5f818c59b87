import { sql, type Kysely } from "kysely";

/**
 * The health overview report's movers start from the history rows of the last 7 days: without
 * an index on `at` that is a scan of every score ever kept (it grows by a row per change).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index health_scores_at on health_scores (at)`.execute(db);
}
