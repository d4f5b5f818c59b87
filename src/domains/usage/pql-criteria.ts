import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { addDays, daysBetween } from "./days.js";

export type PqlCriterion = ProcessPack["usage"]["pqlCriteria"][number];

/** What the evaluators may look at; the per-user activity is loaded only when a criterion needs it. */
export interface PqlFacts {
  totalUsers: number;
  monthlyActiveUsers: number;
  /** Active days of users who gained an active day in this batch, keyed by user. */
  activeDaysOf: (withinDays: number) => Promise<Map<string, string[]>>;
}

/** T11: one evaluator per criterion kind, behind an exhaustive switch, so a pack can mix them. */
export async function criterionMet(c: PqlCriterion, facts: PqlFacts): Promise<boolean> {
  switch (c.kind) {
    case "totalUsersOver":
      return facts.totalUsers > c.over;
    case "monthlyActiveUsersOver":
      return facts.monthlyActiveUsers > c.over;
    case "singleUserActiveDays": {
      const byUser = await facts.activeDaysOf(c.withinDays);
      for (const days of byUser.values()) if (maxActiveDaysInWindow(days, c.withinDays) >= c.days) return true;
      return false;
    }
    default: {
      const unreachable: never = c;
      throw new Error(`unknown PQL criterion ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * The most active days any window of `windowDays` consecutive days holds. "5 days within 7"
 * means some 7-day span (first to last day inclusive) holds 5 of them: days 1..5 do, days
 * 1, 3, 5, 7, 8 do not (that spans 8 days).
 */
export function maxActiveDaysInWindow(days: string[], windowDays: number): number {
  const sorted = [...new Set(days)].sort();
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    const last = sorted[end] as string;
    while (daysBetween(sorted[start] as string, last) >= windowDays) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** The day range whose user-days can complete a window around the given new days. */
export function windowRange(newDays: string[], windowDays: number): { from: string; to: string } | null {
  if (newDays.length === 0) return null;
  const sorted = [...newDays].sort();
  return { from: addDays(sorted[0] as string, -(windowDays - 1)), to: addDays(sorted[sorted.length - 1] as string, windowDays - 1) };
}
