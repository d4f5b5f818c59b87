import { performance } from "node:perf_hooks";

/** Milliseconds spent per named phase of a long job (read, score, write…), for its debug log line. */
export class PhaseTimer {
  private last = performance.now();
  private readonly spent = new Map<string, number>();

  /** Charges the time since the previous lap (or the start) to `phase`. */
  lap(phase: string): void {
    const now = performance.now();
    this.spent.set(phase, (this.spent.get(phase) ?? 0) + now - this.last);
    this.last = now;
  }

  /** Charges `ms` measured elsewhere (work overlapping the laps, e.g. a write in flight) to `phase`. */
  add(phase: string, ms: number): void {
    this.spent.set(phase, (this.spent.get(phase) ?? 0) + ms);
  }

  /** Whole milliseconds per phase, in the order phases first appeared. */
  totals(): Record<string, number> {
    return Object.fromEntries([...this.spent].map(([k, v]) => [k, Math.round(v)]));
  }
}
