import type { RecordedOutcome } from "./record-outcome.js";

/** What a runOnce() or drain() did. */
export interface DeliveryCounts {
  /** Claimed rows handed to a handler (a row given back unstarted is not counted). */
  claimed: number;
  delivered: number;
  retrying: number;
  dead: number;
  leaseLost: number;
  /** Outcomes that could not be recorded (database error): the lease expires and they are retried. */
  errors: number;
}

export const emptyCounts = (): DeliveryCounts => ({ claimed: 0, delivered: 0, retrying: 0, dead: 0, leaseLost: 0, errors: 0 });

export function countOutcome(counts: DeliveryCounts, outcome: RecordedOutcome): void {
  switch (outcome) {
    case "delivered":
      counts.delivered += 1;
      return;
    case "retry":
      counts.retrying += 1;
      return;
    case "dead":
      counts.dead += 1;
      return;
    case "lease_lost":
      counts.leaseLost += 1;
      return;
    default: {
      const unreachable: never = outcome;
      throw new Error(`unknown outcome ${String(unreachable)}`);
    }
  }
}
