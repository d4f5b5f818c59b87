import type { AppContext } from "../app/context.js";
import { processId } from "../app/create-context.js";
import { AppError } from "../errors/app-error.js";
import type { Actor } from "../timeline/actor.js";
import { audit } from "../timeline/record.js";
import { gatherDue } from "./gather-due.js";
import type { RuleRegistry } from "./scheduled-rule.js";
import { runDue, type RunDueSummary } from "./scheduler.js";
import { requireSimulatedClock, storeSimulatedNow, syncSimulatedClock } from "./simulated-time.js";

export { syncSimulatedClock };

export interface AdvanceClockOptions {
  /** Move forward by this many milliseconds (parseDuration("10d") gives it)… */
  by?: number | undefined;
  /** …or to this instant. Exactly one of the two. */
  until?: Date | undefined;
  /** Who moved time (audited). */
  actor: Actor;
  reason?: string | undefined;
  requestId?: string | undefined;
  /** Recorded on the firings this advance makes (default "clock-advance:<host>:<pid>"). */
  workerId?: string | undefined;
  /** Runs after each step's firings, with the clock at that step (e.g. drain the outbox). */
  afterStep?: ((now: Date) => Promise<void>) | undefined;
}

export interface AdvanceClockResult {
  from: Date;
  to: Date;
  /** Instants the clock stopped at: each distinct due time passed over, plus the target. */
  steps: number;
  fired: Record<string, number>;
  /** fire() failures per rule (rolled back; retried by later runs). */
  failed: Record<string, number>;
  /** Rules whose findDue failed at some step (logged); time still moved. */
  ruleErrors: string[];
}

/**
 * Moves simulated time forward in order: the clock stops at each due time on the way, so each
 * firing sees its own "now", and a rule due from a date another rule wrote on the way fires in
 * the same advance. Refused unless the clock is simulated. Every process on the database
 * follows (clock_state), and the move is audited as "clock.advanced".
 */
export async function advanceClock(
  ctx: AppContext,
  registry: RuleRegistry,
  options: AdvanceClockOptions,
): Promise<AdvanceClockResult> {
  const clock = requireSimulatedClock(ctx);
  const from = await syncSimulatedClock(ctx);
  const target = targetOf(from, options);
  const workerId = options.workerId ?? `clock-advance:${processId()}`;
  const result: AdvanceClockResult = { from, to: target, steps: 0, fired: {}, failed: {}, ruleErrors: [] };
  const settle = async (until: Date): Promise<void> => addUp(result, await runDue(ctx, registry, { workerId, until }));
  const stepTo = async (instant: Date): Promise<void> => {
    // This process's scheduler loop may have adopted a later time stored by another process.
    if (instant.getTime() > clock.now().getTime()) clock.set(instant);
    // Stored at each step, not only at the end, so other processes' effects (and a crash
    // half-way) agree with the firings made so far.
    await storeSimulatedNow(ctx.db, instant);
    await settle(instant);
    result.steps++;
    await options.afterStep?.(instant);
  };

  // Whatever is already due (a worker may be behind) fires at the current time first.
  await settle(from);
  for (;;) {
    // Only occurrences after the clock: everything up to it was just attempted, and a failed
    // one must not stop time (it is retried by the next run, like any failed firing).
    const next = (await gatherDue(ctx, registry, { from: clock.now(), until: target })).items[0];
    if (!next) break;
    await stepTo(next.occurrence.dueAt);
  }
  if (clock.now().getTime() < target.getTime() || result.steps === 0) await stepTo(target);

  await audit(ctx.db, {
    actor: options.actor,
    action: "clock.advanced",
    at: target,
    reason: options.reason,
    requestId: options.requestId,
    data: { from: from.toISOString(), to: target.toISOString(), steps: result.steps, fired: result.fired },
  });
  return result;
}

function targetOf(from: Date, options: AdvanceClockOptions): Date {
  const { by, until } = options;
  if ((by === undefined) === (until === undefined)) {
    throw new AppError("validation_failed", "give exactly one of `by` (a duration) or `until` (an instant).");
  }
  if (by !== undefined) {
    if (!Number.isSafeInteger(by) || by < 0) {
      throw new AppError("validation_failed", `\`by\` must be a whole number of milliseconds >= 0, got ${by}.`);
    }
    return new Date(from.getTime() + by);
  }
  if (!(until instanceof Date) || Number.isNaN(until.getTime())) {
    throw new AppError("validation_failed", "`until` must be a valid instant.");
  }
  if (until.getTime() < from.getTime()) {
    throw new AppError(
      "validation_failed",
      `simulated time only moves forward: it is ${from.toISOString()}, so ${until.toISOString()} is in the past.`,
      { details: { now: from.toISOString(), until: until.toISOString() } },
    );
  }
  return until;
}

function addUp(result: AdvanceClockResult, run: RunDueSummary): void {
  for (const [rule, n] of Object.entries(run.fired)) result.fired[rule] = (result.fired[rule] ?? 0) + n;
  for (const [rule, n] of Object.entries(run.failed)) result.failed[rule] = (result.failed[rule] ?? 0) + n;
  for (const rule of run.ruleErrors) if (!result.ruleErrors.includes(rule)) result.ruleErrors.push(rule);
}
