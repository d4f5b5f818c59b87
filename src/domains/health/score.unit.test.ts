import { describe, expect, it } from "vitest";
import { validatePack } from "../../platform/pack/load-pack.js";
import { defaultPack } from "../../pack/default-pack.js";
import { bandFor, HealthInputError, modelFor, scoreAccount, type HealthInputs } from "./score.js";

const pack = validatePack(defaultPack, "default");
const model = modelFor(pack, { segment: null, stage: null });

/** Every S2 trait present, chosen so each category's score is easy to check by hand. */
const fixture: HealthInputs = {
  taPulse: "concerning",
  versionsBehind: 2,
  preciseCodeIntel: true,
  defectTickets90d: 1,
  helpTickets90d: 12,
  activeChampion: { hasPowerAndInfluence: true, activelySellsForUs: true, seesOurSuccessAsTheirs: false },
  accessToBuyer: true,
  daysSinceLastActivity: 20,
  usageScore: 0.25,
  mauPerSeat: 0.42,
};

function gradeOf(key: string, value: HealthInputs[string]) {
  const result = scoreAccount(model, { [key]: value });
  const trait = result.categories.flatMap((c) => c.traits).find((t) => t.key === key);
  if (!trait) throw new Error(`no trait ${key}`);
  return trait.grade;
}

describe("health score (S1 weighted categories)", () => {
  it("S1 a fixture scored by hand equals the engine's score", () => {
    // By hand, points healthy 100 / concerning 50 / poor 0, a category = mean of its traits:
    //   TA Pulse:            pulse concerning 50                                   → 50
    //   Technical Health:    versions 2 concerning 50, code intel 100, defects 1 100, help 12 concerning 50 → 300/4 = 75
    //   Relationships & Eng: champion 2/3 criteria poor 0, buyer 100, 20 days concerning 50 → 150/3 = 50
    //   Utilization:         usage 0.25 concerning 50, MAU/seats 0.42 poor 0      → 25
    //   score = 0.05×50 + 0.05×75 + 0.15×50 + 0.75×25 = 2.5 + 3.75 + 7.5 + 18.75 = 32.5 → red (< 40)
    const result = scoreAccount(model, fixture);
    expect(result.score).toBe(32.5);
    expect(result.band).toBe("red");
    expect(result.missingData).toBe(false);
    expect(result.model).toBe("default");
    expect(result.categories.map((c) => [c.name, c.weight, c.effectiveWeight, c.score])).toEqual([
      ["TA Pulse", 0.05, 0.05, 50],
      ["Technical Health", 0.05, 0.05, 75],
      ["Relationships & Engagement", 0.15, 0.15, 50],
      ["Utilization", 0.75, 0.75, 25],
    ]);
    expect(result.explanation).toContain("Utilization poor: Usage score concerning: 0.25 (healthy ≥ 0.3, poor ≤ 0.2); MAU/seats 0.42 < 0.5");
    expect(result.explanation[1]).toBe("32.5 = TA Pulse 50 × 5% + Technical Health 75 × 5% + Relationships & Engagement 50 × 15% + Utilization 25 × 75%.");
    const help = result.categories[1]?.traits.find((t) => t.key === "helpTickets90d");
    expect(help?.explanation).toBe("Help tickets (90 days) concerning: 12 (healthy < 10, poor ≥ 15)");
  });

  it("S1 scores the same in numbers, in traits' words and in full; only the words differ", () => {
    const full = scoreAccount(model, fixture);
    const traitsOnly = scoreAccount(model, fixture, { lines: false });
    const numbers = scoreAccount(model, fixture, { explain: false });
    for (const r of [traitsOnly, numbers]) {
      expect([r.score, r.band, r.missingData, r.model]).toEqual([full.score, full.band, full.missingData, full.model]);
      expect(r.explanation).toEqual([]);
    }
    // A band change's summary is built from the traits' details and explanations: all kept.
    expect(traitsOnly.categories).toEqual(full.categories);
    expect(numbers.categories.flatMap((c) => c.traits.map((t) => t.detail + t.explanation)).join("")).toBe("");
  });

  it("S1 all healthy scores 100 and green", () => {
    const result = scoreAccount(model, {
      ...fixture,
      taPulse: "healthy",
      versionsBehind: 0,
      helpTickets90d: 0,
      activeChampion: { hasPowerAndInfluence: true, activelySellsForUs: true, seesOurSuccessAsTheirs: true },
      daysSinceLastActivity: 3,
      usageScore: 0.5,
      mauPerSeat: 0.9,
    });
    expect(result.score).toBe(100);
    expect(result.band).toBe("green");
  });

  it("bands at their default edges: 39.9 red, 40 yellow, 69.9 yellow, 70 green", () => {
    expect(pack.health.bands).toEqual({ green: 70, yellow: 40 });
    expect(bandFor(39.9, pack.health.bands)).toBe("red");
    expect(bandFor(40, pack.health.bands)).toBe("yellow");
    expect(bandFor(69.9, pack.health.bands)).toBe("yellow");
    expect(bandFor(70, pack.health.bands)).toBe("green");
  });

  it("bands the rounded score, so the band always agrees with the score shown", () => {
    // A one-category model scoring 69.95 shows 70.0 (1 decimal): the band must be green then, not yellow.
    const one = { ...model, categories: [{ name: "Only", weight: 1, traits: [{ key: "n", label: "N", source: "computed" as const, kind: "grade" as const }] }] };
    const tilted = { ...one, gradePoints: { healthy: 100, concerning: 69.95, poor: 0 } };
    const result = scoreAccount(tilted, { n: "concerning" });
    expect(result.score).toBe(70);
    expect(result.band).toBe("green");
  });

  it("refuses an input of the wrong type with the trait named", () => {
    expect(() => scoreAccount(model, { helpTickets90d: "many" as unknown as number })).toThrow(HealthInputError);
    expect(() => scoreAccount(model, { helpTickets90d: Number.NaN })).toThrow(/helpTickets90d/);
    expect(() => scoreAccount(model, { activeChampion: { likesUs: true } })).toThrow(/unknown criteria likesUs/);
    expect(() => scoreAccount(model, { taPulse: "great" as unknown as "healthy" })).toThrow(/healthy, concerning, poor/);
  });
});

describe("S2 trait thresholds (healthy / concerning / poor at every edge)", () => {
  const edges: Array<[string, Array<[number, string]>]> = [
    ["helpTickets90d", [[9, "healthy"], [10, "concerning"], [14, "concerning"], [15, "poor"]]],
    ["defectTickets90d", [[1, "healthy"], [2, "concerning"], [4, "concerning"], [5, "poor"]]],
    ["mauPerSeat", [[0.49, "poor"], [0.5, "concerning"], [0.79, "concerning"], [0.8, "healthy"]]],
    ["daysSinceLastActivity", [[14, "healthy"], [15, "concerning"], [29, "concerning"], [30, "poor"]]],
    ["usageScore", [[0.2, "poor"], [0.21, "concerning"], [0.29, "concerning"], [0.3, "healthy"]]],
    // Our default (the spec gives no numbers): ≤ 1 healthy, ≥ 3 poor.
    ["versionsBehind", [[1, "healthy"], [2, "concerning"], [3, "poor"]]],
  ];
  for (const [key, cases] of edges) {
    it(`S2 ${key}: ${cases.map(([v, g]) => `${v} ${g}`).join(", ")}`, () => {
      for (const [value, grade] of cases) expect(gradeOf(key, value), `${key} = ${value}`).toBe(grade);
    });
  }

  it("S2 explains an edge with the threshold it met", () => {
    const result = scoreAccount(model, { ...fixture, usageScore: 0.15, mauPerSeat: 0.49 });
    expect(result.explanation).toContain("Utilization poor: Usage score 0.15 ≤ 0.2; MAU/seats 0.49 < 0.5");
    const alone = scoreAccount(model, { mauPerSeat: 0.49 });
    expect(alone.explanation).toContain("Utilization poor: Usage score missing: left out, Utilization re-weighted; MAU/seats 0.49 < 0.5");
    const at15 = scoreAccount(model, { helpTickets90d: 15 }).categories[1]?.traits.find((t) => t.key === "helpTickets90d");
    expect(at15?.explanation).toBe("Help tickets (90 days) poor: 15 ≥ 15");
  });

  it("S2 manual traits: the pulse is graded as set; booleans are healthy only when true", () => {
    expect(gradeOf("taPulse", "healthy")).toBe("healthy");
    expect(gradeOf("taPulse", "concerning")).toBe("concerning");
    expect(gradeOf("taPulse", "poor")).toBe("poor");
    expect(gradeOf("preciseCodeIntel", true)).toBe("healthy");
    expect(gradeOf("preciseCodeIntel", false)).toBe("poor");
    expect(gradeOf("accessToBuyer", true)).toBe("healthy");
    expect(gradeOf("accessToBuyer", false)).toBe("poor");
  });
});

describe("S4 champion", () => {
  const all: Record<string, boolean> = { hasPowerAndInfluence: true, activelySellsForUs: true, seesOurSuccessAsTheirs: true };
  it("S4 is healthy only when all three criteria hold", () => {
    expect(gradeOf("activeChampion", all)).toBe("healthy");
    for (const lacking of Object.keys(all)) {
      expect(gradeOf("activeChampion", { ...all, [lacking]: false }), lacking).toBe("poor");
      const { [lacking]: _absent, ...rest } = all;
      expect(gradeOf("activeChampion", rest), `${lacking} absent`).toBe("poor");
    }
    expect(gradeOf("activeChampion", {})).toBe("poor");
  });

  it("S4 names the criteria that do not hold", () => {
    const trait = scoreAccount(model, { activeChampion: { ...all, activelySellsForUs: false } }).categories[2]?.traits[0];
    expect(trait?.explanation).toBe("Active champion poor: 2 of 3 criteria hold, all must (lacking: Actively sells for us)");
  });
});

describe("S1 missing data", () => {
  it("reweight: a missing trait is left out of its category, and the score is flagged", () => {
    // Technical Health without help tickets: (50 + 100 + 100) / 3 = 83.33
    // score = 2.5 + 0.05 × 83.333 + 7.5 + 18.75 = 32.9167 → 32.9
    const result = scoreAccount(model, { ...fixture, helpTickets90d: null });
    expect(result.score).toBe(32.9);
    expect(result.missingData).toBe(true);
    expect(result.categories[1]?.score).toBe(83.3);
    expect(result.categories[1]?.traits.find((t) => t.key === "helpTickets90d")).toMatchObject({ missing: true, grade: null, points: null });
    expect(result.explanation.at(-1)).toBe("Rests on missing data (left out and re-weighted): Help tickets (90 days).");
  });

  it("reweight: a category with no data is left out and the others re-weighted", () => {
    // TA Pulse missing: the other weights sum to 0.95; (3.75 + 7.5 + 18.75) / 0.95 = 31.579 → 31.6
    const { taPulse: _missing, ...rest } = fixture;
    const result = scoreAccount(model, rest);
    expect(result.score).toBe(31.6);
    expect(result.missingData).toBe(true);
    expect(result.categories[0]).toMatchObject({ name: "TA Pulse", score: null, effectiveWeight: 0 });
    expect(result.categories[3]?.effectiveWeight).toBeCloseTo(0.75 / 0.95, 12);
    expect(result.categories.reduce((s, c) => s + c.effectiveWeight, 0)).toBeCloseTo(1, 12);
    expect(result.explanation).toContain("TA Pulse: no data; left out, the other categories re-weighted.");
  });

  it("reweight: nothing known gives no score rather than a made-up one", () => {
    const result = scoreAccount(model, {});
    expect(result).toMatchObject({ score: null, band: null, missingData: true });
  });

  it("poor: a missing trait counts as poor, and the score is flagged", () => {
    // TA Pulse missing → 0: score = 0 + 3.75 + 7.5 + 18.75 = 30
    const strict = { ...model, missingData: "poor" as const };
    const result = scoreAccount(strict, { ...fixture, taPulse: null });
    expect(result.score).toBe(30);
    expect(result.missingData).toBe(true);
    expect(result.categories[0]).toMatchObject({ score: 0, effectiveWeight: 0.05 });
    expect(result.categories[0]?.traits[0]).toMatchObject({ missing: true, grade: null, points: 0, explanation: "TA pulse missing: counted as poor" });
    expect(scoreAccount(strict, {})).toMatchObject({ score: 0, band: "red", missingData: true });
  });

  it("no missing data leaves the flag off under both rules", () => {
    expect(scoreAccount({ ...model, missingData: "poor" }, fixture).missingData).toBe(false);
    expect(scoreAccount(model, fixture).missingData).toBe(false);
  });
});

describe("S1 models per segment or stage", () => {
  const utilizationOnly = [
    { name: "Utilization", weight: 1, traits: [{ key: "mauPerSeat", label: "MAU/seats", source: "computed", kind: "number", healthy: { gte: 0.8 }, poor: { lt: 0.5 } }] },
  ];
  const withOverrides = validatePack(
    {
      ...defaultPack,
      health: {
        ...defaultPack.health,
        overrides: [
          { when: { segments: ["SMB"], stages: ["onboarding"] }, categories: utilizationOnly, missingData: "poor" },
          { when: { segments: ["SMB", "Scaled Success"] }, categories: utilizationOnly },
        ],
      },
    },
    "test",
  );

  it("S1 the first matching override wins, else the default model", () => {
    expect(modelFor(withOverrides, { segment: "SMB", stage: "1. Onboarding" })).toMatchObject({ name: "override 1 (segments: SMB; stages: onboarding)", missingData: "poor" });
    expect(modelFor(withOverrides, { segment: "SMB", stage: "onboarding" }).name).toBe("override 1 (segments: SMB; stages: onboarding)");
    expect(modelFor(withOverrides, { segment: "SMB", stage: null })).toMatchObject({ name: "override 2 (segments: SMB, Scaled Success)", missingData: "reweight" });
    expect(modelFor(withOverrides, { segment: "Enterprise", stage: "onboarding" }).name).toBe("default");
    expect(modelFor(withOverrides, { segment: null, stage: null }).name).toBe("default");
  });

  it("S1 an SMB account is scored by its own model and says so", () => {
    const smb = scoreAccount(modelFor(withOverrides, { segment: "SMB", stage: null }), fixture);
    expect(smb.score).toBe(0); // MAU/seats 0.42 poor is the whole score
    expect(smb.categories).toHaveLength(1);
    expect(smb.explanation).toContain("Scored with the pack's override 2 (segments: SMB, Scaled Success) health model.");
    expect(scoreAccount(modelFor(withOverrides, { segment: "Enterprise", stage: null }), fixture).score).toBe(32.5);
  });
});
