import { performance } from "node:perf_hooks";
import { sql, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { PhaseTimer } from "../../platform/log/phase-timer.js";
import { dayOf, previousMonth } from "../usage/days.js";
import { getUsageSettings } from "../usage/usage-settings.js";
import { derivedInputs, type ManualTrait } from "./health-inputs.js";
import { readBookInputs } from "./book-inputs.js";
import { applyTrackerChanges, movesTracker, recordBandChanges, type BandChange } from "./band-change.js";
import { bandChange, isUnchanged, scoreGathered, scoreMoved, type LastScore } from "./recompute.js";
import type { HealthBand } from "./score.js";

/** Rows per write statement (one JSON parameter each). */
export const HEALTH_WRITE_BATCH = 2000;
/** Accounts scored between two yields to the event loop, so that a write in flight progresses. */
const YIELD_EVERY = 250;

export interface RecomputeAllResult {
  /** Accounts scored. */
  accounts: number;
  /** Accounts whose score, band or a trait value moved (their current health rewritten). */
  changed: number;
}

const groupBy = <T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/**
 * S1 full recompute of every account that is not archived (the daily rule, the API and
 * `trellis health recompute`), set-based: a handful of statements read every input of the
 * whole book, the scores are computed in memory with the same code as the on-change path
 * (derivedInputs, scoreGathered, isUnchanged), and only changed accounts are written,
 * HEALTH_WRITE_BATCH (options.writeBatch) per statement while the next batch is scored, each
 * batch's band changes on the timeline as it is written; the red-account trackers the changes open or resolve come last,
 * all at once (one digest per person). An account rescored meanwhile by an on-change recompute
 * (a newer revision of its health) is left as that wrote it. Uses only `trx`.
 */
export async function recomputeAllHealth(
  trx: Transaction<Database>,
  ctx: AppContext,
  actor: Actor,
  cause: string,
  options: {
    writeBatch?: number;
    /** The caller's transaction has written nothing the recompute reads (the daily rule's firing claim): read beside it anyway. */
    wroteNoInput?: boolean;
  } = {},
): Promise<RecomputeAllResult> {
  const writeBatchSize = options.writeBatch ?? HEALTH_WRITE_BATCH;
  const now = ctx.clock.now();
  const today = dayOf(now);
  const lastMonth = previousMonth(today);
  const pack = ctx.packs.current();
  const timer = new PhaseTimer();
  // One full recompute at a time (the daily rule, the API, the CLI): a second one waits, then
  // finds what the first wrote. Their batch writes would otherwise lock rows in any order.
  await sql`select pg_advisory_xact_lock(hashtext('trellis.health.recompute_all'))`.execute(trx);
  await sql`set local work_mem = '64MB'`.execute(trx);

  const { accounts, instances, tickets, activities, manual: manualRows } = await readBookInputs(trx, ctx, timer, options.wroteNoInput ?? false);
  const settings = await getUsageSettings(ctx, trx);

  const instancesOf = groupBy(instances, (r) => r.account_id);
  const ticketsOf = new Map(tickets.map((r) => [r.account_id, r]));
  const activityOf = new Map(activities.map((r) => [r.account_id, new Date(r.last)]));
  const manualOf = groupBy(
    manualRows.map((r): ManualTrait & { accountId: string } => ({ accountId: r.account_id, trait: r.trait, value: r.value as unknown, note: r.note, setBy: r.set_by, setAt: new Date(r.set_at) })),
    (m) => m.accountId,
  );

  // Written as they fill: holding every account's result (about 4 KB each) until the end
  // costs more in garbage collection than the scoring itself at 100,000 accounts.
  let changed = 0;
  let moved = 0;
  let bandsMoved = 0;
  let batch: WriteRow[] = [];
  let bandChanges = new Map<string, BandChange>();
  // Trackers are opened and resolved once, after every batch: a person then gets one digest
  // for the whole recompute, not one per batch.
  const trackerChanges: BandChange[] = [];
  const flush = async (rows: readonly WriteRow[], changes: ReadonlyMap<string, BandChange>): Promise<void> => {
    const t0 = performance.now();
    const written = await writeBatch(trx, rows, now, cause, pack.version);
    const t1 = performance.now();
    changed += written.length;
    const movedBands = written.flatMap((id) => {
      const change = changes.get(id);
      return change ? [change] : [];
    });
    await recordBandChanges(trx, ctx, movedBands, actor);
    trackerChanges.push(...movedBands.filter(movesTracker));
    timer.add("write", t1 - t0);
    timer.add("bands", performance.now() - t1);
  };
  // A batch is written while the next one is scored: the database works on one while this
  // thread computes the other. Flushes still run one at a time and in order (each waits for the
  // previous), so the database sees the same statements in the same order as without overlap.
  let inflight: Promise<void> = Promise.resolve();
  const startFlush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    const changes = bandChanges;
    batch = [];
    bandChanges = new Map();
    timer.lap("score");
    await inflight;
    timer.lap("waitForWrite");
    const next = flush(rows, changes);
    // Awaited before the next flush or at the end; until then its failure is not unhandled.
    next.catch(() => undefined);
    inflight = next;
  };
  let sinceYield = 0;
  for (const account of accounts) {
    const t = ticketsOf.get(account.id);
    const gathered = derivedInputs(
      {
        instances: instancesOf.get(account.id) ?? [],
        defects: Number(t?.defects ?? 0),
        help: Number(t?.help ?? 0),
        lastActivityAt: activityOf.get(account.id) ?? null,
        manual: (manualOf.get(account.id) ?? []).map(({ accountId: _a, ...m }) => m),
      },
      settings,
      account.seats,
      today,
      lastMonth,
    );
    // Numbers only: nothing rendered is stored, and a band change re-scores in words below (the
    // traits' words for its summary, no explanation lines). An account never scored (the whole
    // book, the first time) changes band: in words at once.
    const neverBanded = account.health_band === null;
    const { result, traits, stored } = scoreGathered(pack, account, gathered, { explain: neverBanded, lines: false });
    const last: Omit<LastScore, "at"> | null =
      account.model === null
        ? null
        : { score: account.health_score, band: account.health_band, missing_data: account.health_missing_data ?? false, model: account.model, inputs: { traits: account.traits } };
    if (last && isUnchanged(last, account.health_at, result, traits)) continue;
    const scoreMovedNow = scoreMoved(account, result);
    if (scoreMovedNow) moved += 1;
    batch.push({
      id: account.id,
      seen_revision: account.revision === null ? null : Number(account.revision),
      moved: scoreMovedNow,
      score: result.score,
      band: result.band,
      missing_data: result.missingData,
      model: result.model,
      inputs: stored,
    });
    const from = (account.health_band as HealthBand | null) ?? null;
    if (from !== result.band) {
      const worded = neverBanded ? result : scoreGathered(pack, account, gathered, { lines: false }).result;
      bandChanges.set(account.id, bandChange(account.id, from, account.health_score, worded, cause));
      bandsMoved += 1;
    }
    if (batch.length >= writeBatchSize) await startFlush();
    else if (++sinceYield >= YIELD_EVERY) {
      // A statement goes out only when this loop yields: let the flush in flight move on.
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await startFlush();
  timer.lap("score");
  await inflight;
  timer.lap("waitForWrite");
  await applyTrackerChanges(trx, ctx, trackerChanges, actor);
  timer.lap("trackers");
  ctx.log.debug({ accounts: accounts.length, changed, scoresMoved: moved, bandsMoved, phasesMs: timer.totals() }, "health recompute");
  return { accounts: accounts.length, changed };
}

interface WriteRow {
  id: string;
  /** The current health's revision as read (null: none): the write is skipped when an on-change recompute rewrote it meanwhile. */
  seen_revision: number | null;
  /** The score, band or missing flag moved: a new "in force since", the superseded score to the history (else only the inputs moved). */
  moved: boolean;
  score: number | null;
  band: HealthBand | null;
  missing_data: boolean;
  model: string;
  inputs: unknown;
}

/**
 * The batch's current health (account_health: every row of the batch) and, where the score
 * moved, the superseded score as a history row (decision 0027); returns the ids written. An
 * account rescored meanwhile by an on-change recompute is skipped, left as that wrote it:
 * - an account already scored is updated only at the revision read. The on-change path reads
 *   its row FOR UPDATE, so it waits for this transaction once the row is updated here; and an
 *   update here that meets a rewrite in progress waits for it, then finds another revision and
 *   leaves the row (PostgreSQL rechecks the condition on the row's latest version).
 * - an account never scored is inserted unless a row exists by then (kept: an on-change
 *   recompute wrote it). The row's foreign key locks the account (KEY SHARE) until this
 *   transaction ends, and the on-change path locks it FOR UPDATE first: whichever comes second
 *   waits for the other, then sees its row. (Locking the accounts FOR UPDATE here as well only
 *   cost time.)
 * Trait drift alone (days since the last activity, usage ratios) rewrites only the inputs: an
 * update that leaves the score alone changes no indexed column and stays on its page (HOT).
 */
async function writeBatch(trx: Transaction<Database>, batch: readonly WriteRow[], now: Date, cause: string, packVersion: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    with v as (
      select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(
        id uuid, seen_revision bigint, moved boolean, score float8, band text, missing_data boolean, model text, inputs jsonb)
    ),
    -- The scores being superseded, as this statement's snapshot has them: for an account
    -- updated below, the revision it was read at (see above).
    superseded as (
      select h.* from account_health h join v on v.id = h.account_id where v.moved and v.seen_revision is not null
    ),
    upd as (
      update account_health h set score = v.score, band = v.band, missing_data = v.missing_data,
        at = case when v.moved then ${now}::timestamptz else h.at end,
        score_cause = case when v.moved then ${cause} else h.score_cause end, model = v.model, inputs = v.inputs,
        pack_version = ${packVersion}, result = null, cause = ${cause}, computed_at = ${now}::timestamptz, revision = h.revision + 1
      from v
      where v.seen_revision is not null and h.account_id = v.id and h.revision = v.seen_revision
      returning h.account_id
    ),
    ins as (
      insert into account_health (account_id, score, band, missing_data, at, score_cause, model, inputs, pack_version, cause, computed_at)
      select id, score, band, missing_data, ${now}::timestamptz, ${cause}, model, inputs, ${packVersion}, ${cause}, ${now}::timestamptz
      from v where v.seen_revision is null
      on conflict (account_id) do nothing
      returning account_id
    ),
    hist as (
      insert into health_scores (account_id, at, score, band, missing_data, model, inputs, pack_version, result, cause)
      select s.account_id, s.at, s.score, s.band, s.missing_data, s.model, s.inputs, s.pack_version, s.result, s.score_cause
      from superseded s join upd u on u.account_id = s.account_id
    )
    select account_id::text as id from upd union all select account_id::text from ins`.execute(trx);
  return r.rows.map((row) => row.id);
}
