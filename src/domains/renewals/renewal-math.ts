import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { RenewalOutcome, RenewalRating, RenewalStatus } from "./schema.js";

/** The figures of one renewal as the forecast and the list show them (R3, R4). */
export interface RenewalFigures {
  status: RenewalStatus;
  /** The ARR up for renewal: the account's ARR while open, the ARR at opening once processed. */
  currentArr: number;
  rating: RenewalRating | null;
  projectedOutcome: RenewalOutcome | null;
  projectedArr: number | null;
  renewedArr: number | null;
}

/** expectedArr: the projection when there is one, else the current ARR (processed: the renewed ARR). */
export function expectedArrOf(f: RenewalFigures): number {
  if (f.status === "processed") return f.renewedArr ?? 0;
  return f.projectedOutcome !== null && f.projectedArr !== null ? f.projectedArr : f.currentArr;
}

/**
 * arrAtRisk: full churn → all of it; partial churn → what is lost; otherwise all of it when the
 * rating is one that enters Lighthouse (pack renewals.lighthouseRatings), else nothing.
 * Processed renewals carry no risk.
 */
export function arrAtRiskOf(pack: ProcessPack, f: RenewalFigures): number {
  if (f.status === "processed") return 0;
  switch (f.projectedOutcome) {
    case "full_churn":
      return f.currentArr;
    case "partial_churn":
      return Math.max(0, f.currentArr - (f.projectedArr ?? f.currentArr));
    case "flat":
    case "incremental":
    case null:
      return f.rating !== null && (pack.renewals.lighthouseRatings as readonly string[]).includes(f.rating) ? f.currentArr : 0;
    default: {
      const unreachable: never = f.projectedOutcome;
      throw new Error(`unknown outcome ${String(unreachable)}`);
    }
  }
}

/**
 * R3/R5: the ARR an outcome allows against the current ARR. full_churn → 0 (default 0);
 * partial_churn → below the current ARR; flat → equal (default the current ARR);
 * incremental → above. Returns the ARR to store or a problem for the field.
 */
export function arrForOutcome(outcome: RenewalOutcome, given: number | undefined, currentArr: number): { arr: number } | { problem: string } {
  switch (outcome) {
    case "full_churn":
      if (given !== undefined && given !== 0) return { problem: "must be 0 for a full churn" };
      return { arr: 0 };
    case "partial_churn":
      if (given === undefined) return { problem: `is required for a partial churn (below the current ARR ${currentArr})` };
      if (given >= currentArr) return { problem: `must be below the current ARR ${currentArr} for a partial churn` };
      return { arr: given };
    case "flat":
      if (given !== undefined && given !== currentArr) return { problem: `must equal the current ARR ${currentArr} for a flat renewal` };
      return { arr: currentArr };
    case "incremental":
      if (given === undefined) return { problem: `is required for an incremental renewal (above the current ARR ${currentArr})` };
      if (given <= currentArr) return { problem: `must be above the current ARR ${currentArr} for an incremental renewal` };
      return { arr: given };
    default: {
      const unreachable: never = outcome;
      throw new Error(`unknown outcome ${String(unreachable)}`);
    }
  }
}
