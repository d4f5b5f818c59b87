import { sql, type Kysely } from "kysely";

/**
 * Health history rows keep what a score rests on (inputs, model, pack version), not its
 * rendered explanation: the explanation is rebuilt on read from those with the very pack
 * version that scored it (decision 0023). The rendered result was ~4 KB per row, written for
 * every account whose inputs moved, every day. Rows written before this keep their result.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table health_scores alter column result drop not null;
    alter table health_scores add column pack_version text;
  `.execute(db);
}
