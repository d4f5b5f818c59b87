import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import type { AppContext } from "../app/context.js";
import { fireOccurrence } from "./fire-occurrence.js";
import { gatherDue, type DueItem } from "./gather-due.js";
import type { RuleRegistry } from "./scheduled-rule.js";
import { syncSimulatedClock } from "./simulated-time.js";

export interface RunDueOptions {
  /** Recorded on each firing (scheduler_firings.worker): which process did it. */
  workerId: string;
  /** Fire what is due up to here (default: ctx.clock.now()). */
  until?: Date | undefined;
  /** Stops between firings; the firing in progress completes (graceful shutdown). */
  signal?: AbortSignal | undefined;
}

export interface RunDueSummary {
  until: Date;
  /** Firings made by this call, per rule id. */
  fired: Record<string, number>;
  /** fire() failures per rule id; each rolled back and is retried by a later run. */
  failed: Record<string, number>;
  /** Occurrences another worker had fired, or was firing, first. */
  skipped: number;
  /** Rules whose findDue failed (logged); the other rules ran. */
  ruleErrors: string[];
}

/**
 * A firing can make another occurrence due at once (rule B due from a date rule A writes), so
 * runDue gathers again after a pass that fired something. The cap only stops a pathological
 * rule that keeps producing due work from holding a worker forever.
 */
const MAX_PASSES = 50;

/**
 * Fires every due occurrence of every rule up to `until`, each in its own transaction, in
 * order of due time then rule id. Safe to call from any number of processes at once.
 */
export async function runDue(ctx: AppContext, registry: RuleRegistry, options: RunDueOptions): Promise<RunDueSummary> {
  const until = options.until ?? ctx.clock.now();
  const summary: RunDueSummary = { until, fired: {}, failed: {}, skipped: 0, ruleErrors: [] };
  const failedHere = new Set<string>();
  const evaluated = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES && !options.signal?.aborted; pass++) {
    const due = await gatherDue(ctx, registry, { until });
    due.evaluated.forEach((id) => evaluated.add(id));
    for (const { ruleId, error } of due.errors) {
      if (!summary.ruleErrors.includes(ruleId)) summary.ruleErrors.push(ruleId);
      ctx.log.error({ err: error, ruleId }, "scheduled rule could not be evaluated");
    }
    let firedThisPass = 0;
    for (const item of due.items) {
      if (options.signal?.aborted) break;
      const key = itemKey(item);
      if (failedHere.has(key)) continue; // retried by the next run, not in a tight loop here
      const outcome = await fireOccurrence(ctx, item.rule, item.occurrence, options.workerId);
      switch (outcome.kind) {
        case "fired":
          firedThisPass++;
          bump(summary.fired, item.rule.id);
          ctx.notifyOutbox();
          break;
        case "taken":
        case "busy":
          summary.skipped++;
          break;
        case "failed":
          failedHere.add(key);
          bump(summary.failed, item.rule.id);
          ctx.log.error({ err: outcome.error, ruleId: item.rule.id, ...item.occurrence }, "scheduled rule failed; will retry");
          break;
        default: {
          const unreachable: never = outcome;
          throw new Error(`unknown outcome ${JSON.stringify(unreachable)}`);
        }
      }
    }
    if (firedThisPass === 0) break;
  }
  await recordHeartbeats(ctx, [...evaluated], until);
  return summary;
}

const itemKey = (i: DueItem): string =>
  JSON.stringify([i.rule.id, i.occurrence.subjectId, i.occurrence.periodKey]);

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** scheduler_runs: when each rule was last evaluated, for status pages and alerting on a stalled scheduler. */
async function recordHeartbeats(ctx: AppContext, ruleIds: string[], until: Date): Promise<void> {
  if (ruleIds.length === 0) return;
  await ctx.db
    .insertInto("scheduler_runs")
    .values(ruleIds.map((rule_id) => ({ rule_id, last_evaluated_at: until })))
    .onConflict((oc) =>
      oc.column("rule_id").doUpdateSet({
        // Workers on different clocks (or a late one) never move a heartbeat backwards.
        last_evaluated_at: sql`greatest(scheduler_runs.last_evaluated_at, excluded.last_evaluated_at)`,
      }),
    )
    .execute();
}

export interface SchedulerOptions {
  workerId: string;
  /** Default: ctx.config.schedulerIntervalMs. */
  intervalMs?: number;
}

/**
 * Runs runDue once at start (the catch-up of everything that fell due while no scheduler ran)
 * and then every interval. The interval only sets how soon due work is noticed: what is due
 * always comes from stored dates, so a restart loses nothing.
 */
export class Scheduler {
  private controller: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly registry: RuleRegistry,
    private readonly options: SchedulerOptions,
  ) {}

  get running(): boolean {
    return this.controller !== undefined && !this.controller.signal.aborted;
  }

  /** Resolves after the catch-up run; rejects (and stays stopped) if that run fails. */
  async start(): Promise<RunDueSummary> {
    if (this.controller) throw new Error("the scheduler is already started.");
    const controller = new AbortController();
    this.controller = controller;
    const first = this.runOnce(controller.signal);
    this.loop = first.then(
      () => this.runLoop(controller.signal),
      () => undefined,
    );
    try {
      return await first;
    } catch (e) {
      this.controller = undefined;
      this.loop = undefined;
      throw e;
    }
  }

  /** Lets the firing in progress finish, then resolves; no run starts after this is called. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.controller = undefined;
    this.loop = undefined;
  }

  private async runOnce(signal: AbortSignal): Promise<RunDueSummary> {
    // Another process may have advanced simulated time; adopt it before asking what is due.
    await syncSimulatedClock(this.ctx);
    const summary = await runDue(this.ctx, this.registry, { workerId: this.options.workerId, signal });
    const fired = Object.values(summary.fired).reduce((a, b) => a + b, 0);
    if (fired > 0) this.ctx.log.info({ fired: summary.fired, until: summary.until }, "scheduled rules fired");
    return summary;
  }

  private async runLoop(signal: AbortSignal): Promise<void> {
    const intervalMs = this.options.intervalMs ?? this.ctx.config.schedulerIntervalMs;
    while (!signal.aborted) {
      try {
        await sleep(intervalMs, undefined, { signal });
      } catch {
        return; // aborted while waiting: stop() was called
      }
      try {
        await this.runOnce(signal);
      } catch (err) {
        // A lost connection or similar: log and try again next interval rather than die.
        this.ctx.log.error({ err }, "scheduler run failed");
      }
    }
  }
}
