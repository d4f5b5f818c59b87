import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { AppContext } from "../app/context.js";
import { processId, type OwnedContext } from "../app/create-context.js";
import { claimDue, releaseLeases, type ClaimedItem } from "./claim.js";
import { dispatch } from "./channel-catalog.js";
import { retryable, type ChannelHandlers, type DeliveryResult } from "./delivery.js";
import { countOutcome, emptyCounts, type DeliveryCounts } from "./delivery-counts.js";
import { decide, type AttemptRecord, type RecordedOutcome } from "./record-outcome.js";
import { OutcomeRecorder } from "./outcome-recorder.js";
import { listenForOutbox } from "./pg-listener.js";
import { WakeSignal, delay } from "./wake-signal.js";

export type { DeliveryCounts } from "./delivery-counts.js";

export interface OutboxWorkerOptions {
  handlers: ChannelHandlers;
  /** Written as lease_owner and on attempt rows; unique per running worker. */
  workerId?: string;
  /** Deliveries in flight at once (default config.workerConcurrency). */
  concurrency?: number;
  /** Poll interval when nothing wakes the worker (default config.workerPollMs). */
  pollMs?: number;
  /** How long a claim is ours; must exceed the handlers' timeouts (default config.leaseSeconds). */
  leaseSeconds?: number;
  /** How long stop() waits for in-flight deliveries (default 10 s). */
  stopTimeoutMs?: number;
  /** Jitter source (tests pass a constant). */
  random?: () => number;
  /** PostgreSQL URL to LISTEN on for wake-ups; default config.databaseUrl; false disables. */
  listenUrl?: string | false;
  /**
   * Most rows one claim takes (default max(concurrency × 32, 256)). The worker takes fewer while
   * its calls are slow: never more than it can start well within the lease.
   */
  claimBatch?: number;
  /** Most outcomes written by one statement (default: claimBatch). */
  recordBatch?: number;
  /** Longest a finished delivery's outcome waits to be written with others (real ms, default 50). */
  recordDelayMs?: number;
}

/**
 * Rows per claim (and outcomes per write) by default. Each claim and each outcome write costs a
 * statement, a plan and a commit whatever its size, and on PGlite that time is taken from the
 * calls (one thread): a few hundred rows per statement instead of 64 brought the database's
 * share of a fast delivery (loopback webhook) from about 0.3 ms to about 0.2 ms (decision 0021).
 * Bounded anyway by what the worker can start within its lease at its current pace (claimRoom).
 */
function defaultClaimBatch(concurrency: number): number {
  return Math.max(concurrency * 32, 256);
}

/**
 * One caller's share of the work (the background loop, a drain(), a runOnce()): rows claimed and
 * not yet started, handler calls running (at most `concurrency`), and deliveries whose outcome is
 * not yet written.
 */
class DeliveryRun {
  readonly queue: ClaimedItem[] = [];
  readonly calls = new Set<Promise<void>>();
  /** Started deliveries until their outcome is written, with their row ids. */
  readonly pending = new Map<Promise<void>, number>();
  /** Rows being given back unstarted. */
  readonly releasing = new Set<Promise<void>>();
  accepting = true;

  constructor(
    readonly counts: DeliveryCounts,
    readonly changed: () => void,
  ) {}

  get idle(): boolean {
    return this.queue.length === 0 && this.calls.size === 0;
  }
}

/**
 * Delivers outbox rows: claim (committed) → call the channel handler with no transaction
 * open → record the outcome (only if the lease is still ours). Several workers, in one process
 * or many, share the table through SKIP LOCKED and leases; a crashed worker's rows are taken
 * back when its lease expires. Business time comes from ctx.clock only.
 *
 * Throughput: a claim takes a batch of due rows in one short transaction (sized to what this
 * worker can start well within the lease at the pace its calls have been taking, so that it does
 * not hoard a backlog other workers could send), calls out with at most `concurrency` in flight,
 * and outcomes finishing close together are written by one statement (OutcomeRecorder). A row
 * that waited in the queue until a call started now might outlive its lease is given back
 * unstarted instead.
 */
export class OutboxWorker {
  readonly workerId: string;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;
  private readonly claimBatch: number;
  private readonly recorder: OutcomeRecorder;
  private readonly wake = new WakeSignal();
  private run: DeliveryRun | undefined;
  private loopDone: Promise<void> | undefined;
  private stopping = false;
  /** The background loop's last claim was full: more rows are probably due. */
  private backlog = false;
  /** Moving average of a handler call's duration (real ms), once one has finished. */
  private callMs: number | undefined;
  private cleanups: (() => void | Promise<void>)[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.workerId = options.workerId ?? `outbox:${processId()}:${randomBytes(3).toString("hex")}`;
    this.concurrency = options.concurrency ?? ctx.config.workerConcurrency;
    this.pollMs = options.pollMs ?? ctx.config.workerPollMs;
    this.leaseSeconds = options.leaseSeconds ?? ctx.config.leaseSeconds;
    this.claimBatch = Math.max(this.concurrency, options.claimBatch ?? defaultClaimBatch(this.concurrency));
    this.recorder = new OutcomeRecorder(ctx.db, ctx.log, {
      maxBatch: Math.max(1, options.recordBatch ?? this.claimBatch),
      delayMs: options.recordDelayMs ?? 50,
    });
  }

  /** Starts the background loop (woken by ctx.notifyOutbox, LISTEN, or every pollMs). */
  async start(): Promise<void> {
    if (this.loopDone) throw new Error(`outbox worker ${this.workerId} is already started`);
    this.stopping = false;
    this.recorder.eager = false;
    const owned = this.ctx as Partial<OwnedContext>;
    if (typeof owned.onOutboxNotify === "function") this.cleanups.push(owned.onOutboxNotify(() => this.wake.fire()));
    const listenUrl = this.options.listenUrl ?? this.ctx.config.databaseUrl;
    if (listenUrl && this.ctx.engine === "postgres") {
      try {
        this.cleanups.push(await listenForOutbox(listenUrl, () => this.wake.fire(), this.ctx.log));
      } catch (err) {
        this.ctx.log.warn({ err }, "outbox LISTEN unavailable; polling only");
      }
    }
    const timeout = this.ctx.packs.current().outbox.requestTimeoutSeconds;
    if (this.leaseSeconds <= timeout) {
      // A lease shorter than a call lets another worker take the row while it is still being sent.
      this.ctx.log.warn({ leaseSeconds: this.leaseSeconds, timeout }, "outbox lease is not longer than the request timeout");
    }
    const run = new DeliveryRun(emptyCounts(), () => {
      // A slot came free: claim more if the queue runs low and rows are probably waiting.
      if (this.backlog && this.claimRoom(run) > 0) this.wake.fire();
    });
    this.run = run;
    this.loopDone = this.loop(run);
    this.ctx.log.info({ worker: this.workerId, concurrency: this.concurrency }, "outbox worker started");
  }

  /**
   * Stops claiming, gives back rows it claimed but has not started, waits up to the timeout for
   * in-flight deliveries and the writing of their outcomes, and returns the ids it left running
   * (their leases expire and another worker retries them).
   */
  async stop(timeoutMs = this.options.stopTimeoutMs ?? 10_000): Promise<{ unfinished: number[] }> {
    const run = this.run;
    if (!this.loopDone || !run) return { unfinished: [] };
    this.stopping = true;
    run.accepting = false;
    this.recorder.eager = true;
    this.wake.fire();
    await this.loopDone;
    this.giveBack(run, run.queue.splice(0));
    const settled = (async () => {
      await Promise.allSettled([...run.calls, ...run.releasing]);
      await this.recorder.flush();
      await Promise.allSettled([...run.pending.keys()]);
      return true;
    })();
    const finished = await Promise.race([settled, delay(timeoutMs).then(() => false)]);
    const unfinished = finished ? [] : [...run.pending.values()];
    if (!finished) this.ctx.log.warn({ worker: this.workerId, unfinished }, "outbox deliveries still running at stop");
    for (const cleanup of this.cleanups.splice(0)) await cleanup();
    this.loopDone = undefined;
    this.run = undefined;
    this.ctx.log.info({ worker: this.workerId }, "outbox worker stopped");
    return { unfinished };
  }

  /**
   * One step: claims what is due now (up to `limit`), delivers it (at most `concurrency` calls
   * at a time), waits for the outcomes to be written.
   */
  async runOnce(limit = this.concurrency): Promise<DeliveryCounts> {
    const changed = new WakeSignal();
    const run = new DeliveryRun(emptyCounts(), () => changed.fire());
    this.enqueue(run, await claimDue(this.ctx.db, this.claimOptions(limit)));
    await this.settle(run, changed);
    return run.counts;
  }

  /**
   * Delivers until nothing is due at the clock's current time, keeping every slot busy (no
   * batch barrier). For tests, simulations and the CLI's one-shot mode.
   */
  async drain(): Promise<DeliveryCounts> {
    const changed = new WakeSignal();
    const run = new DeliveryRun(emptyCounts(), () => changed.fire());
    let exhausted = false;
    for (;;) {
      // Claim while the queue runs low; once a claim came back short, only again when all is
      // done (rows may have become due meanwhile, e.g. a retry with Retry-After: 0).
      const want: number = exhausted && !run.idle ? 0 : this.claimRoom(run);
      if (want > 0) {
        const items = await claimDue(this.ctx.db, this.claimOptions(want));
        this.enqueue(run, items);
        exhausted = items.length < want;
        if (!exhausted) continue;
      }
      if (run.idle && run.releasing.size === 0) {
        if (run.pending.size === 0 && want > 0) return run.counts;
        await this.settle(run, changed);
        exhausted = false;
        continue;
      }
      await changed.wait(60_000);
    }
  }

  private claimOptions(limit: number) {
    return { workerId: this.workerId, now: this.ctx.clock.now(), leaseSeconds: this.leaseSeconds, limit };
  }

  /**
   * How many rows to claim now. Until a call has finished, just enough for the free slots.
   * Then a batch: up to what this worker can start within half its start window at the pace its
   * calls have been taking (at least one round of calls, at most claimBatch), counting the rows
   * it already holds; refilled when the queue is down to a quarter of that (at least one round),
   * so that calls need not wait for the claim.
   */
  private claimRoom(run: DeliveryRun): number {
    const held = run.queue.length + run.calls.size;
    if (this.callMs === undefined) return Math.max(0, this.concurrency - held);
    const startable = Math.floor((this.concurrency * this.startWindowMs()) / 2 / Math.max(1, this.callMs));
    const target = Math.min(this.claimBatch, Math.max(this.concurrency, startable));
    if (run.queue.length >= Math.max(this.concurrency, Math.floor(target / 4))) return 0;
    return Math.max(0, target - held);
  }

  /**
   * How long after its claim a row may still be started: while a call begun now would time out
   * before the lease ends (half the lease if the lease is not longer than the timeout, which
   * start() warns about).
   */
  private startWindowMs(): number {
    const leaseMs = this.leaseSeconds * 1000;
    const spare = leaseMs - this.ctx.packs.current().outbox.requestTimeoutSeconds * 1000;
    return spare > 0 ? spare : leaseMs / 2;
  }

  private async loop(run: DeliveryRun): Promise<void> {
    while (!this.stopping) {
      const want = this.claimRoom(run);
      let more = false;
      if (want > 0) {
        try {
          const items = await claimDue(this.ctx.db, this.claimOptions(want));
          if (this.stopping) {
            // Claimed while stop() was called: give them back untouched rather than start them.
            await releaseLeases(this.ctx.db, this.workerId, items, this.ctx.clock.now());
            break;
          }
          this.enqueue(run, items);
          more = items.length === want;
          this.backlog = more;
        } catch (err) {
          this.ctx.log.error({ err, worker: this.workerId }, "outbox claim failed; retrying at next poll");
        }
      }
      if (!more) await this.wake.wait(this.pollMs);
    }
  }

  /** Waits until everything the run started has been delivered and its outcome written. */
  private async settle(run: DeliveryRun, changed: WakeSignal): Promise<void> {
    while (!run.idle || run.releasing.size > 0) await changed.wait(60_000);
    while (run.pending.size > 0) {
      await this.recorder.flush();
      await Promise.allSettled([...run.pending.keys()]);
    }
  }

  private enqueue(run: DeliveryRun, items: readonly ClaimedItem[]): void {
    run.queue.push(...items);
    this.fill(run);
  }

  /** Starts queued rows while slots are free; gives back those that waited too long. */
  private fill(run: DeliveryRun): void {
    if (!run.accepting) return;
    const late: ClaimedItem[] = [];
    let window: number | undefined;
    while (run.calls.size < this.concurrency && run.queue.length > 0) {
      const item = run.queue.shift() as ClaimedItem;
      window ??= this.startWindowMs();
      if (this.ctx.clock.now().getTime() - item.claimedAt.getTime() > window) late.push(item);
      else this.begin(run, item);
    }
    if (late.length > 0) {
      this.ctx.log.info({ worker: this.workerId, ids: late.map((i) => i.id) }, "outbox rows waited too long to start; giving them back");
      this.giveBack(run, late);
    }
  }

  private giveBack(run: DeliveryRun, items: ClaimedItem[]): void {
    if (items.length === 0) return;
    const p: Promise<void> = releaseLeases(this.ctx.db, this.workerId, items, this.ctx.clock.now())
      .then(
        () => undefined,
        (err: unknown) => {
          this.ctx.log.error({ err, ids: items.map((i) => i.id) }, "outbox rows not given back; their leases will expire");
        },
      )
      .finally(() => {
        run.releasing.delete(p);
        run.changed();
      });
    run.releasing.add(p);
  }

  /** Never rejects: an outcome that cannot be recorded is logged and counted, and its lease expires. */
  private begin(run: DeliveryRun, item: ClaimedItem): void {
    run.counts.claimed += 1;
    const attempt = this.attempt(item);
    const call: Promise<void> = attempt.then(
      () => undefined,
      () => undefined,
    );
    run.calls.add(call);
    const done: Promise<void> = attempt
      .then(async (record) => this.logged(record, await this.recorder.record(record)))
      .then(
        (outcome) => countOutcome(run.counts, outcome),
        (err: unknown) => {
          run.counts.errors += 1;
          this.ctx.log.error({ err, id: item.id }, "outbox outcome not recorded; the lease will expire");
        },
      );
    run.pending.set(done, item.id);
    void call.then(() => {
      run.calls.delete(call);
      this.fill(run);
      // Nothing else of this run will finish soon: write what is buffered now.
      if (run.calls.size === 0) void this.recorder.flush();
      run.changed();
    });
    void done.then(() => {
      run.pending.delete(done);
      run.changed();
    });
  }

  /** Calls the handler (never with a transaction open) and decides the row's next state. */
  private async attempt(item: ClaimedItem): Promise<AttemptRecord> {
    const started = performance.now();
    let result: DeliveryResult;
    try {
      const ref = { id: item.id, idempotencyKey: item.idempotencyKey, attempt: item.attempt, claimedMs: item.claimedMs };
      result = await dispatch(this.options.handlers, item.channel, item.payload, ref);
    } catch (e) {
      result = retryable(`handler failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const durationMs = performance.now() - started;
    this.callMs = this.callMs === undefined ? durationMs : this.callMs * 0.8 + durationMs * 0.2;
    const finishedAt = this.ctx.clock.now();
    const decision = decide(item, result, this.ctx.packs.current().outbox, finishedAt, this.options.random);
    return { workerId: this.workerId, item, result, decision, finishedAt, durationMs };
  }

  private logged(record: AttemptRecord, outcome: RecordedOutcome): RecordedOutcome {
    const { item, decision } = record;
    const entry = { id: item.id, channel: item.channel, attempt: item.attempt, outcome, error: decision.error };
    if (outcome === "delivered") this.ctx.log.debug(entry, "outbox attempt");
    else this.ctx.log.info(entry, "outbox attempt");
    return outcome;
  }
}
