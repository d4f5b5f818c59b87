import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { AppContext } from "../app/context.js";
import { processId, type OwnedContext } from "../app/create-context.js";
import { claimDue, releaseLeases, type ClaimedItem } from "./claim.js";
import { dispatch } from "./channel-catalog.js";
import { retryable, type ChannelHandlers, type DeliveryResult } from "./delivery.js";
import { countOutcome, emptyCounts, type DeliveryCounts } from "./delivery-counts.js";
import { decide, recordOutcome, type RecordedOutcome } from "./record-outcome.js";
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
}

/**
 * Delivers outbox rows: claim (committed) → call the channel handler with no transaction
 * open → record the outcome (only if the lease is still ours). Several workers, in one process
 * or many, share the table through SKIP LOCKED and leases; a crashed worker's rows are taken
 * back when its lease expires. Business time comes from ctx.clock only.
 */
export class OutboxWorker {
  readonly workerId: string;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;
  private readonly inFlight = new Map<Promise<void>, number>();
  private readonly wake = new WakeSignal();
  private loopDone: Promise<void> | undefined;
  private stopping = false;
  private cleanups: (() => void | Promise<void>)[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.workerId = options.workerId ?? `outbox:${processId()}:${randomBytes(3).toString("hex")}`;
    this.concurrency = options.concurrency ?? ctx.config.workerConcurrency;
    this.pollMs = options.pollMs ?? ctx.config.workerPollMs;
    this.leaseSeconds = options.leaseSeconds ?? ctx.config.leaseSeconds;
  }

  /** Starts the background loop (woken by ctx.notifyOutbox, LISTEN, or every pollMs). */
  async start(): Promise<void> {
    if (this.loopDone) throw new Error(`outbox worker ${this.workerId} is already started`);
    this.stopping = false;
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
    this.loopDone = this.loop();
    this.ctx.log.info({ worker: this.workerId, concurrency: this.concurrency }, "outbox worker started");
  }

  /**
   * Stops claiming, waits up to the timeout for in-flight deliveries, and returns the ids it
   * left running (their leases expire and another worker retries them).
   */
  async stop(timeoutMs = this.options.stopTimeoutMs ?? 10_000): Promise<{ unfinished: number[] }> {
    if (!this.loopDone) return { unfinished: [] };
    this.stopping = true;
    this.wake.fire();
    await this.loopDone;
    const settled = Promise.allSettled([...this.inFlight.keys()]).then(() => true);
    const finished = await Promise.race([settled, delay(timeoutMs).then(() => false)]);
    const unfinished = finished ? [] : [...this.inFlight.values()];
    if (!finished) this.ctx.log.warn({ worker: this.workerId, unfinished }, "outbox deliveries still running at stop");
    for (const cleanup of this.cleanups.splice(0)) await cleanup();
    this.loopDone = undefined;
    this.ctx.log.info({ worker: this.workerId }, "outbox worker stopped");
    return { unfinished };
  }

  /** One step: claims what is due now (up to `limit`), delivers it, waits for the outcomes. */
  async runOnce(limit = this.concurrency): Promise<DeliveryCounts> {
    const counts = emptyCounts();
    const items = await claimDue(this.ctx.db, this.claimOptions(limit));
    await Promise.all(items.map((item) => this.deliverCounted(item, counts)));
    return counts;
  }

  /**
   * Delivers until nothing is due at the clock's current time, keeping every slot busy (no
   * batch barrier). For tests, simulations and the CLI's one-shot mode.
   */
  async drain(): Promise<DeliveryCounts> {
    const counts = emptyCounts();
    const running = new Set<Promise<void>>();
    for (;;) {
      const free = this.concurrency - running.size;
      const items = free > 0 ? await claimDue(this.ctx.db, this.claimOptions(free)) : [];
      for (const item of items) {
        const p: Promise<void> = this.deliverCounted(item, counts).finally(() => running.delete(p));
        running.add(p);
      }
      if (running.size === 0) return counts;
      if (items.length === 0 || running.size >= this.concurrency) await Promise.race(running);
    }
  }

  private claimOptions(limit: number) {
    return { workerId: this.workerId, now: this.ctx.clock.now(), leaseSeconds: this.leaseSeconds, limit };
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const free = this.concurrency - this.inFlight.size;
      let more = false;
      if (free > 0) {
        try {
          const items = await claimDue(this.ctx.db, this.claimOptions(free));
          if (this.stopping) {
            // Claimed while stop() was called: give them back untouched rather than start them.
            await releaseLeases(this.ctx.db, this.workerId, items, this.ctx.clock.now());
            break;
          }
          for (const item of items) {
            const p: Promise<void> = this.deliverCounted(item, emptyCounts()).finally(() => {
              this.inFlight.delete(p);
              this.wake.fire();
            });
            this.inFlight.set(p, item.id);
          }
          more = items.length === free;
        } catch (err) {
          this.ctx.log.error({ err, worker: this.workerId }, "outbox claim failed; retrying at next poll");
        }
      }
      if (!more) await this.wake.wait(this.pollMs);
    }
  }

  /** Never rejects: an outcome that cannot be recorded is logged and counted, and its lease expires. */
  private async deliverCounted(item: ClaimedItem, counts: DeliveryCounts): Promise<void> {
    counts.claimed += 1;
    try {
      countOutcome(counts, await this.deliver(item));
    } catch (err) {
      counts.errors += 1;
      this.ctx.log.error({ err, id: item.id }, "outbox outcome not recorded; the lease will expire");
    }
  }

  private async deliver(item: ClaimedItem): Promise<RecordedOutcome> {
    const started = performance.now();
    let result: DeliveryResult;
    try {
      const ref = { id: item.id, idempotencyKey: item.idempotencyKey, attempt: item.attempt };
      result = await dispatch(this.options.handlers, item.channel, item.payload, ref);
    } catch (e) {
      result = retryable(`handler failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const durationMs = performance.now() - started;
    const finishedAt = this.ctx.clock.now();
    const decision = decide(item, result, this.ctx.packs.current().outbox, finishedAt, this.options.random);
    const outcome = await recordOutcome(this.ctx.db, { workerId: this.workerId, item, result, decision, finishedAt, durationMs });
    const entry = { id: item.id, channel: item.channel, attempt: item.attempt, outcome, error: decision.error };
    if (outcome === "delivered") this.ctx.log.debug(entry, "outbox attempt");
    else this.ctx.log.info(entry, "outbox attempt");
    return outcome;
  }
}
