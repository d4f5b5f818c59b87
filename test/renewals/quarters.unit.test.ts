import { describe, expect, it } from "vitest";
import { mondayOf, quarterOf, quarterRange, quartersFrom } from "../../src/domains/renewals/quarters.js";
import { arrAtRiskOf, arrForOutcome, expectedArrOf } from "../../src/domains/renewals/renewal-math.js";
import { validatePack } from "../../src/platform/pack/load-pack.js";
import { defaultPack as defaultInput } from "../../src/pack/default-pack.js";

const defaultPack = validatePack(defaultInput, "default pack");

describe("R4 quarters and weeks", () => {
  it("R4 names quarters, their days, the quarters ahead and the Monday of a week", () => {
    expect([quarterOf("2026-01-01"), quarterOf("2026-03-31"), quarterOf("2026-04-01"), quarterOf("2026-12-31")]).toEqual(["2026-Q1", "2026-Q1", "2026-Q2", "2026-Q4"]);
    expect(quarterRange("2026-Q4")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
    expect(quarterRange("2028-Q1")).toEqual({ start: "2028-01-01", end: "2028-03-31" });
    expect(quartersFrom("2026-11-30", 3)).toEqual(["2026-Q4", "2027-Q1", "2027-Q2"]);
    expect([mondayOf("2026-11-30"), mondayOf("2026-12-06"), mondayOf("2027-01-01")]).toEqual(["2026-11-30", "2026-11-30", "2026-12-28"]);
  });
});

describe("R3 outcome figures", () => {
  const open = { status: "open" as const, currentArr: 100, rating: null, projectedOutcome: null, projectedArr: null, renewedArr: null };
  it("R3 expected ARR and ARR at risk follow the projection, then the rating", () => {
    expect([expectedArrOf(open), arrAtRiskOf(defaultPack, open)]).toEqual([100, 0]);
    expect(arrAtRiskOf(defaultPack, { ...open, rating: "yellow" })).toBe(100);
    expect(arrAtRiskOf(defaultPack, { ...open, rating: "green" })).toBe(0);
    const partial = { ...open, rating: "red" as const, projectedOutcome: "partial_churn" as const, projectedArr: 70 };
    expect([expectedArrOf(partial), arrAtRiskOf(defaultPack, partial)]).toEqual([70, 30]);
    const processed = { ...partial, status: "processed" as const, renewedArr: 60 };
    expect([expectedArrOf(processed), arrAtRiskOf(defaultPack, processed)]).toEqual([60, 0]);
  });

  it("R3 the ARR must agree with the outcome", () => {
    expect(arrForOutcome("full_churn", undefined, 100)).toEqual({ arr: 0 });
    expect(arrForOutcome("flat", undefined, 100)).toEqual({ arr: 100 });
    expect(arrForOutcome("partial_churn", 99, 100)).toEqual({ arr: 99 });
    expect(arrForOutcome("incremental", 101, 100)).toEqual({ arr: 101 });
    for (const [outcome, arr] of [["full_churn", 1], ["partial_churn", 100], ["flat", 99], ["incremental", 100]] as const) {
      expect(arrForOutcome(outcome, arr, 100)).toHaveProperty("problem");
    }
  });
});
