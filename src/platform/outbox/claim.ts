import { performance } from "node:perf_hooks";
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../db/database.js";

export interface ClaimedItem {
  id: number;
  channel: string;
  idempotencyKey: string;
  payload: unknown;
  /** This attempt's number (attempts after the claim). */
  attempt: number;
  maxAttempts: number;
  claimedAt: Date;
  /** performance.now() after the claim committed (see DeliveryItem.claimedMs). */
  claimedMs: number;
}

export interface ClaimOptions {
  workerId: string;
  now: Date;
  leaseSeconds: number;
  limit: number;
}

const LOST =
  "the lease expired before an outcome was recorded (the worker crashed or stalled); the receiver may have got it";

/**
 * Claims up to `limit` rows and commits, so the lease is visible to every other worker before
 * any handler runs. SKIP LOCKED lets concurrent workers claim disjoint rows without waiting on
 * each other. Rows whose lease expired (a crashed worker) are taken back first, in the same
 * short transaction, which also writes the lost attempt's row (its worker never could).
 *
 * The transaction also pins the plan: due rows are read in outbox_due order and the scan stops
 * at the limit. Left to itself, the planner picks a bitmap scan of every due row plus a sort
 * whenever the table's statistics are stale (PGlite never analyzes; a backlog grows faster than
 * autovacuum notices), which makes each claim cost O(backlog) instead of O(limit).
 */
export async function claimDue(db: Kysely<Database>, o: ClaimOptions): Promise<ClaimedItem[]> {
  if (o.limit <= 0) return [];
  const rows = await db.transaction().execute(async (trx) => {
    await sql`select set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)`.execute(trx);
    return claimRows(trx, o, await takeExpiredLeases(trx, o));
  });
  return toItems(rows, o.now, performance.now());
}

type Executor = Kysely<Database> | Transaction<Database>;

/** Moves the given (already locked) ids plus due rows, up to the limit, to 'sending'. */
async function claimRows(db: Executor, o: ClaimOptions, lockedIds: number[]) {
  const due = db
    .selectFrom("outbox")
    .select("id")
    .where("status", "in", ["pending", "retrying"])
    .where("next_attempt_at", "<=", o.now)
    // Oldest due first. No id tie-break: with it, rows enqueued together (same instant) must be
    // sorted on every claim instead of read in index order (outbox_due), O(backlog) per claim.
    .orderBy("next_attempt_at")
    .limit(Math.max(0, o.limit - lockedIds.length))
    .forUpdate()
    .skipLocked();
  return db
    .updateTable("outbox")
    .set({
      status: "sending",
      lease_owner: o.workerId,
      lease_expires_at: new Date(o.now.getTime() + o.leaseSeconds * 1000),
      attempts: sql`attempts + 1`,
      updated_at: o.now,
    })
    .where((eb) => (lockedIds.length > 0 ? eb.or([eb("id", "in", lockedIds), eb("id", "in", due)]) : eb("id", "in", due)))
    .returning(["id", "channel", "idempotency_key", "payload", "attempts", "max_attempts"])
    .execute();
}

function toItems(rows: Awaited<ReturnType<typeof claimRows>>, now: Date, claimedMs: number): ClaimedItem[] {
  return rows
    .map((r) => ({
      id: r.id,
      channel: r.channel,
      idempotencyKey: r.idempotency_key,
      payload: r.payload,
      attempt: r.attempts,
      maxAttempts: r.max_attempts,
      claimedAt: now,
      claimedMs,
    }))
    .sort((a, b) => a.id - b.id);
}

/** Ids of expired leases to retry; those already on their last attempt go to dead instead. */
async function takeExpiredLeases(trx: Transaction<Database>, o: ClaimOptions): Promise<number[]> {
  const expired = await trx
    .selectFrom("outbox")
    .select(["id", "attempts", "max_attempts", "lease_owner", "updated_at"])
    .where("status", "=", "sending")
    .where("lease_expires_at", "<", o.now)
    .orderBy("lease_expires_at")
    .limit(o.limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (expired.length === 0) return [];
  await trx
    .insertInto("outbox_attempts")
    .values(
      expired.map((r) => ({
        outbox_id: r.id,
        attempt: r.attempts,
        worker: r.lease_owner ?? "unknown",
        started_at: r.updated_at,
        finished_at: o.now,
        outcome: "lease_lost" as const,
        error: LOST,
      })),
    )
    .execute();
  // A row that kills its worker on every attempt must not loop forever: on its last attempt
  // it stops here, visible as dead and replayable.
  const exhausted = expired.filter((r) => r.attempts >= r.max_attempts).map((r) => r.id);
  if (exhausted.length > 0) {
    await trx
      .updateTable("outbox")
      .set({ status: "dead", lease_owner: null, lease_expires_at: null, last_error: LOST, updated_at: o.now })
      .where("id", "in", exhausted)
      .execute();
  }
  return expired.filter((r) => r.attempts < r.max_attempts).map((r) => r.id);
}

/**
 * Gives back claimed rows that were never handed to a handler (a stopping worker, or rows that
 * waited in a worker's queue too long to start safely within their lease), undoing the attempt
 * count so that no attempt is charged for a call that did not happen. One statement; a row
 * whose lease is no longer ours (same owner, same attempt, still sending) is left alone.
 */
export async function releaseLeases(
  db: Kysely<Database>,
  workerId: string,
  items: readonly Pick<ClaimedItem, "id" | "attempt">[],
  now: Date,
): Promise<number> {
  if (items.length === 0) return 0;
  const given = JSON.stringify(items.map((item) => ({ id: item.id, attempt: item.attempt })));
  const result = await sql`
    update outbox o set
      status = case when o.attempts <= 1 then 'pending' else 'retrying' end,
      attempts = o.attempts - 1,
      lease_owner = null,
      lease_expires_at = null,
      updated_at = ${now}
    from jsonb_to_recordset(${given}::jsonb) as i(id bigint, attempt int)
    where o.id = i.id and o.status = 'sending' and o.lease_owner = ${workerId} and o.attempts = i.attempt
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
