import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChanges } from "../../platform/timeline/record.js";
import { ACCOUNT_SUBJECT } from "../accounts/account-records.js";
import { openRedTrackers, resolveRedTrackers } from "../red-accounts/open-trackers.js";
import type { HealthBand } from "./score.js";

/** One account whose band moved in a recompute (on change or full). */
export interface BandChange {
  accountId: string;
  from: HealthBand | null;
  to: HealthBand | null;
  score: number | null;
  previousScore: number | null;
  /** "Health yellow → red (32): Utilization poor: MAU/seats 0.42 < 0.5". */
  summary: string;
  /** The main reason alone ("Utilization poor: …"), or null. */
  reason: string | null;
  cause: string;
}

/**
 * Everything a band change sets off, for one account or a whole recompute at once: the
 * timeline event and audit row of each (recordBandChanges) and the red-account trackers they
 * open or resolve (applyTrackerChanges). The one place both recompute paths (recompute.ts,
 * recompute-all.ts) report band changes. Uses only `trx`.
 */
export async function applyBandChanges(
  trx: Transaction<Database>,
  ctx: AppContext,
  changes: readonly BandChange[],
  actor: Actor,
): Promise<void> {
  await recordBandChanges(trx, ctx, changes, actor);
  await applyTrackerChanges(trx, ctx, changes, actor);
}

/** The timeline event and audit row of each band change (batched: a first full recompute moves every band). */
export async function recordBandChanges(trx: Transaction<Database>, ctx: AppContext, changes: readonly BandChange[], actor: Actor): Promise<void> {
  if (changes.length === 0) return;
  const at = ctx.clock.now();
  await recordChanges(
    trx,
    changes.map((c) => ({
      actor,
      action: "account.health_band_changed",
      at,
      summary: c.summary,
      subject: { type: ACCOUNT_SUBJECT, id: c.accountId },
      data: { from: c.from, to: c.to, score: c.score, previousScore: c.previousScore, cause: c.cause },
    })),
  );
}

/** The band changes that open a red-account tracker (a turn to red) or resolve one (a promotion from red). */
export function movesTracker(c: BandChange): boolean {
  return (c.to === "red" && c.from !== "red") || (c.from === "red" && (c.to === "yellow" || c.to === "green"));
}

/**
 * S3: a turn to red opens the account's red-account tracker (alert, emails), a promotion
 * from red to yellow or green resolves it. A red → unscored change (data missing) resolves
 * nothing: the account was not promoted. Given every change of a recompute at once, so that
 * many trackers opened together are announced by one digest per person (openRedTrackers).
 */
export async function applyTrackerChanges(trx: Transaction<Database>, ctx: AppContext, changes: readonly BandChange[], actor: Actor): Promise<void> {
  // Filter first: a first full recompute reports every account, but few turn red or leave it.
  await openRedTrackers(trx, ctx, changes.filter((c) => c.to === "red" && c.from !== "red"), actor);
  await resolveRedTrackers(trx, ctx, changes.filter((c) => c.from === "red" && (c.to === "yellow" || c.to === "green")), actor);
}
