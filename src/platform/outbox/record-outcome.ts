import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, OutboxTable } from "../db/database.js";
import type { Updateable } from "kysely";
import { retryDelaySeconds, type BackoffPolicy } from "./backoff.js";
import type { ClaimedItem } from "./claim.js";
import type { DeliveryResult } from "./delivery.js";

export type Outcome = "delivered" | "retry" | "dead";
export type RecordedOutcome = Outcome | "lease_lost";

export interface Decision {
  outcome: Outcome;
  error: string | null;
  /** Only for retry. */
  nextAttemptAt: Date | null;
}

/** Turns a handler's result into the row's next state. */
export function decide(
  item: Pick<ClaimedItem, "attempt" | "maxAttempts">,
  result: DeliveryResult,
  policy: BackoffPolicy,
  now: Date,
  random?: () => number,
): Decision {
  if (result.ok) return { outcome: "delivered", error: null, nextAttemptAt: null };
  if (result.permanent) return { outcome: "dead", error: result.error, nextAttemptAt: null };
  if (item.attempt >= item.maxAttempts) {
    return { outcome: "dead", error: `${result.error} (gave up after ${item.attempt} attempts)`, nextAttemptAt: null };
  }
  const delay = retryDelaySeconds(policy, item.attempt, result.retryAfterSeconds, random);
  return { outcome: "retry", error: result.error, nextAttemptAt: new Date(now.getTime() + delay * 1000) };
}

export interface AttemptRecord {
  workerId: string;
  item: ClaimedItem;
  result: DeliveryResult;
  decision: Decision;
  finishedAt: Date;
  durationMs: number;
}

/**
 * Records the attempt, but moves the row only while the lease is still ours (same owner, same
 * attempt, still sending). The common case is one statement (update + attempt row, atomic).
 * Ownership, not the clock, decides: a late result on an expired but untaken lease is still
 * the truth; once another worker has taken the row, this result is kept only as the attempt's
 * history (outcome lease_lost).
 */
export async function recordOutcome(db: Kysely<Database>, r: AttemptRecord): Promise<RecordedOutcome> {
  const a = attemptColumns(r);
  const recorded = await db
    .with("moved", (qb) =>
      qb
        .updateTable("outbox")
        .set(rowUpdate(r.decision, r.finishedAt))
        .where("id", "=", r.item.id)
        .where("status", "=", "sending")
        .where("lease_owner", "=", r.workerId)
        .where("attempts", "=", r.item.attempt)
        .returning("id"),
    )
    .insertInto("outbox_attempts")
    .columns(["outbox_id", "attempt", "worker", "started_at", "finished_at", "outcome", "status_code", "error", "duration_ms"])
    .expression((eb) =>
      eb
        .selectFrom("moved")
        .select([
          "moved.id",
          sql<number>`${a.attempt}::int`.as("attempt"),
          sql<string>`${a.worker}::text`.as("worker"),
          sql<Date>`${a.started_at}::timestamptz`.as("started_at"),
          sql<Date>`${a.finished_at}::timestamptz`.as("finished_at"),
          sql<string>`${r.decision.outcome}::text`.as("outcome"),
          sql<number | null>`${a.status_code}::int`.as("status_code"),
          sql<string | null>`${r.decision.error}::text`.as("error"),
          sql<number>`${a.duration_ms}::int`.as("duration_ms"),
        ]),
    )
    .returning("id")
    .executeTakeFirst();
  if (recorded) return r.decision.outcome;
  await db.transaction().execute((trx) => recordLostAttempt(trx, r));
  return "lease_lost";
}

/**
 * recordOutcome for many attempts in one statement (so one commit): each row moves only while
 * its lease is still ours, exactly as in recordOutcome, and gets its attempt row in the same
 * statement. Attempts whose lease was lost are then kept as history, in one short transaction.
 *
 * Rejects only if that statement failed, in which case nothing was written (the caller may
 * write the records one by one); otherwise resolves to one result per record, in order (a
 * lost attempt whose history could not be written is a rejected one).
 */
export async function recordOutcomes(
  db: Kysely<Database>,
  records: readonly AttemptRecord[],
): Promise<PromiseSettledResult<RecordedOutcome>[]> {
  const only = records.length === 1 ? records[0] : undefined;
  if (only) {
    const [result] = await Promise.allSettled([recordOutcome(db, only)]);
    return result ? [result] : [];
  }
  if (records.length === 0) return [];
  const input = records.map((r, i) => ({
    ...attemptColumns(r),
    i,
    outcome: r.decision.outcome,
    error: r.decision.error,
    next_attempt_at: r.decision.nextAttemptAt ?? r.finishedAt,
  }));
  // One parameter (a JSON array) rather than a VALUES list: the statement text is the same for
  // every batch size. The row's new state is rowUpdate()'s, row by row.
  const moved = await sql<{ i: number }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(
        i int, outbox_id bigint, attempt int, worker text, started_at timestamptz, finished_at timestamptz,
        outcome text, status_code int, error text, duration_ms int, next_attempt_at timestamptz)
    ),
    moved as (
      update outbox o set
        status = case i.outcome when 'delivered' then 'delivered' when 'retry' then 'retrying' else 'dead' end,
        lease_owner = null,
        lease_expires_at = null,
        updated_at = i.finished_at,
        delivered_at = case when i.outcome = 'delivered' then i.finished_at else o.delivered_at end,
        next_attempt_at = case when i.outcome = 'retry' then i.next_attempt_at else o.next_attempt_at end,
        last_error = i.error
      from input i
      where o.id = i.outbox_id and o.status = 'sending' and o.lease_owner = i.worker and o.attempts = i.attempt
      returning i.i
    ),
    attempt_rows as (
      insert into outbox_attempts (outbox_id, attempt, worker, started_at, finished_at, outcome, status_code, error, duration_ms)
      select i.outbox_id, i.attempt, i.worker, i.started_at, i.finished_at, i.outcome, i.status_code, i.error, i.duration_ms
      from input i join moved m on m.i = i.i
      order by i.i
    )
    select i from moved
  `.execute(db);
  const ours = new Set(moved.rows.map((row) => Number(row.i)));
  const results = records.map((r, i): PromiseSettledResult<RecordedOutcome> => ({
    status: "fulfilled",
    value: ours.has(i) ? r.decision.outcome : "lease_lost",
  }));
  const lost = records.map((r, i) => ({ r, i })).filter(({ i }) => !ours.has(i));
  if (lost.length === 0) return results;
  try {
    await db.transaction().execute(async (trx) => {
      for (const { r } of lost) await recordLostAttempt(trx, r);
    });
  } catch {
    // One at a time, so that one failure costs only its own history.
    for (const { r, i } of lost) {
      try {
        await db.transaction().execute((trx) => recordLostAttempt(trx, r));
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  }
  return results;
}

function rowUpdate(d: Decision, now: Date): Updateable<OutboxTable> {
  const released = { lease_owner: null, lease_expires_at: null, updated_at: now };
  switch (d.outcome) {
    case "delivered":
      return { ...released, status: "delivered", delivered_at: now, last_error: null };
    case "retry":
      return { ...released, status: "retrying", next_attempt_at: d.nextAttemptAt ?? now, last_error: d.error };
    case "dead":
      return { ...released, status: "dead", last_error: d.error };
    default: {
      const unreachable: never = d.outcome;
      throw new Error(`unknown outcome ${String(unreachable)}`);
    }
  }
}

function attemptColumns(r: AttemptRecord) {
  return {
    outbox_id: r.item.id,
    attempt: r.item.attempt,
    worker: r.workerId,
    started_at: r.item.claimedAt,
    finished_at: r.finishedAt,
    status_code: r.result.statusCode ?? null,
    duration_ms: Math.round(r.durationMs),
  };
}

/** The reclaiming worker already wrote a lease_lost row for this attempt: complete it. */
async function recordLostAttempt(trx: Transaction<Database>, r: AttemptRecord): Promise<void> {
  const what = r.result.ok ? "succeeded" : `failed: ${r.result.error}`;
  const error = `lease lost before the outcome was recorded; the call ${what}`;
  const updated = await trx
    .updateTable("outbox_attempts")
    .set({ finished_at: r.finishedAt, status_code: r.result.statusCode ?? null, error, duration_ms: Math.round(r.durationMs) })
    .where("outbox_id", "=", r.item.id)
    .where("attempt", "=", r.item.attempt)
    .where("worker", "=", r.workerId)
    .where("outcome", "=", "lease_lost")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await trx.insertInto("outbox_attempts").values({ ...attemptColumns(r), outcome: "lease_lost", error }).execute();
  }
}
