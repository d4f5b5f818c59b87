import { sql, type Kysely } from "kysely";

/**
 * S1: each score is stored once. The score in force lives in account_health (as since 0015);
 * health_scores now holds the scores it superseded, each written when the next one takes over
 * (decision 0027). Before, the score in force was also a history row, so the first scoring of a
 * book wrote every account's score and inputs twice.
 *
 * - `score_cause`: what set the score in force ("ticket", "recompute"…), kept for its history
 *   row; `cause` stays what triggered the last computation (a drift rewrites it).
 * - The history rows of the score in force go: the row that set it and any later row of the same
 *   tenure (rows before 0015 were also written when a trait value drifted).
 * - `account_health_at` replaces `health_scores_at`: the movers report finds the accounts whose
 *   score moved in its window by when their score in force was set.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table account_health add column score_cause text;
    update account_health h set score_cause = coalesce((
      select s.cause from health_scores s where s.account_id = h.account_id and s.at >= h.at order by s.at, s.id limit 1
    ), h.cause);
    alter table account_health alter column score_cause set not null;
    delete from health_scores s using account_health h where s.account_id = h.account_id and s.at >= h.at;
    create index account_health_at on account_health (at);
    drop index health_scores_at;
  `.execute(db);
}
