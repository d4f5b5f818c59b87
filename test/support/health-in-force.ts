import type { Kysely } from "kysely";
import type { Database } from "../../src/platform/db/database.js";
import { supersede } from "../../src/domains/health/recompute.js";

export interface ScoreInForce {
  accountId: string;
  score: number | null;
  band: string | null;
  missingData?: boolean;
  at: Date | string;
  /** When it was last computed (default: `at`). */
  computedAt?: Date | string;
}

/**
 * Sets an account's current health directly (account_health), for tests of what reads it
 * (lists, filters, reports): the score in force since `at`, computed then from no trait values.
 */
export async function setScoreInForce(db: Kysely<Database>, s: ScoreInForce): Promise<void> {
  const values = {
    score: s.score,
    band: s.band,
    missing_data: s.missingData ?? false,
    at: s.at,
    model: "default",
    inputs: JSON.stringify({ traits: {} }),
    cause: "test",
    score_cause: "test",
    computed_at: s.computedAt ?? s.at,
  };
  await db
    .insertInto("account_health")
    .values({ account_id: s.accountId, ...values })
    .onConflict((oc) => oc.column("account_id").doUpdateSet(values))
    .execute();
}

/**
 * A new score for the account as a recompute sets it: the score in force, if any, goes to the
 * history (health_scores) and this one takes its place (decision 0027).
 */
export async function setNextScore(db: Kysely<Database>, s: ScoreInForce): Promise<void> {
  await supersede(db, s.accountId);
  await setScoreInForce(db, s);
}
