import { describe, expect, it } from "vitest";
import { validatePack } from "../../platform/pack/load-pack.js";
import { defaultPack } from "../../pack/default-pack.js";

type HealthInput = typeof defaultPack.health;
type Categories = HealthInput["categories"];

function withHealth(change: (h: HealthInput) => Partial<HealthInput>) {
  return { ...defaultPack, health: { ...defaultPack.health, ...change(structuredClone(defaultPack.health)) } };
}

/** The pack's load error, or "" when it loads. */
function loadError(pack: unknown): string {
  try {
    validatePack(pack, "test");
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

/** The default categories with one number trait's thresholds replaced. */
function withThresholds(key: string, healthy: object, poor: object): Categories {
  const cats = structuredClone(defaultPack.health.categories);
  for (const c of cats) for (const t of c.traits) if (t.key === key && t.kind === "number") Object.assign(t, { healthy, poor });
  return cats;
}

describe("S1/S2 health model validation at pack load", () => {
  it("S1 the default pack loads with the spec's weights", () => {
    const pack = validatePack(defaultPack, "default");
    expect(pack.version).toBe(defaultPack.version);
    expect(pack.health.categories.map((c) => [c.name, c.weight])).toEqual([
      ["TA Pulse", 0.05],
      ["Technical Health", 0.05],
      ["Relationships & Engagement", 0.15],
      ["Utilization", 0.75],
    ]);
  });

  it("S1 refuses weights that do not add up to 1", () => {
    const cats = structuredClone(defaultPack.health.categories);
    cats[3]!.weight = 0.7;
    expect(loadError(withHealth(() => ({ categories: cats })))).toContain("health.categories: category weights must add up to 1 (they add up to 0.95)");
  });

  it("S2 refuses duplicate trait keys, also across categories", () => {
    const cats = structuredClone(defaultPack.health.categories);
    cats[0]!.traits.push({ key: "mauPerSeat", label: "Again", source: "manual", kind: "boolean" });
    expect(loadError(withHealth(() => ({ categories: cats })))).toContain("health.categories: trait keys must be unique within a model: mauPerSeat");
  });

  it("S2 refuses duplicate category names", () => {
    const cats = structuredClone(defaultPack.health.categories);
    cats[1]!.name = "TA Pulse";
    expect(loadError(withHealth(() => ({ categories: cats })))).toContain("category names must be unique: TA Pulse");
  });

  it("S2 refuses thresholds where a value would be both healthy and poor", () => {
    // 10 would be both.
    expect(loadError(withHealth(() => ({ categories: withThresholds("helpTickets90d", { lte: 10 }, { gte: 10 }) })))).toContain(
      "health.categories.1.traits.3.poor: healthy (≤ 10) and poor (≥ 10) overlap: a value could be both",
    );
    // Poor starts below where healthy ends.
    expect(loadError(withHealth(() => ({ categories: withThresholds("mauPerSeat", { gte: 0.8 }, { lt: 0.9 }) })))).toContain("healthy (≥ 0.8) and poor (< 0.9) overlap");
    // Same direction: large values are both.
    expect(loadError(withHealth(() => ({ categories: withThresholds("usageScore", { gte: 0.3 }, { gt: 0.5 }) })))).toContain("point the same way");
    // Two operators in one condition.
    expect(loadError(withHealth(() => ({ categories: withThresholds("usageScore", { gte: 0.3, lt: 1 }, { lte: 0.2 }) })))).toContain(
      "healthy: must have exactly one of lt, lte, gt, gte",
    );
  });

  it("S2 accepts touching thresholds with no concerning band in between", () => {
    expect(loadError(withHealth(() => ({ categories: withThresholds("helpTickets90d", { lt: 10 }, { gte: 10 }) })))).toBe("");
    expect(loadError(withHealth(() => ({ categories: withThresholds("usageScore", { gt: 0.3 }, { lte: 0.3 }) })))).toBe("");
  });

  it("S4 refuses a champion trait without criteria or with duplicate criteria", () => {
    const cats = structuredClone(defaultPack.health.categories);
    const champion = cats[2]!.traits[0]!;
    if (champion.kind !== "champion") throw new Error("fixture: expected the champion trait first");
    champion.criteria = [champion.criteria[0]!, champion.criteria[0]!];
    expect(loadError(withHealth(() => ({ categories: cats })))).toContain("criterion keys must be unique");
    champion.criteria = [];
    expect(loadError(withHealth(() => ({ categories: cats })))).toContain("health.categories.2.traits.0.criteria");
  });

  it("refuses bands, points and missing-data rules that make no sense", () => {
    expect(loadError(withHealth(() => ({ bands: { green: 40, yellow: 70 } })))).toContain("health.bands.green: green must be above yellow");
    expect(loadError(withHealth(() => ({ gradePoints: { healthy: 50, concerning: 100, poor: 0 } })))).toContain("health.gradePoints: must go healthy ≥ concerning ≥ poor");
    expect(loadError(withHealth(() => ({ missingData: "ignore" as "poor" })))).toContain("health.missingData");
  });

  it("S1 refuses overrides naming unknown segments or stages, or nothing at all", () => {
    const categories = defaultPack.health.categories;
    const message = loadError(withHealth(() => ({ overrides: [{ when: { segments: ["Smb"], stages: ["Adopting"] }, categories }, { when: {}, categories }] })));
    expect(message).toContain('health.overrides.0.when.segments: unknown segment "Smb"');
    expect(message).toContain('health.overrides.0.when.stages: unknown stage "Adopting": must be a lifecycle stage key');
    expect(message).toContain("health.overrides.1.when: must name segments, stages or both");
    const badWeights = structuredClone(categories);
    badWeights[0]!.weight = 0.5;
    expect(loadError(withHealth(() => ({ overrides: [{ when: { segments: ["SMB"] }, categories: badWeights }] })))).toContain(
      "health.overrides.0.categories: category weights must add up to 1",
    );
  });
});
