import { describe, expect, it } from "vitest";
import { defaultPack } from "../../pack/default-pack.js";
import { validatePack } from "../../platform/pack/load-pack.js";
import { scoreGathered } from "./recompute.js";
import { storedResult } from "./stored-result.js";
import type { GatheredInputs } from "./health-inputs.js";

const older = validatePack(defaultPack, "default");
const relabelled = validatePack(
  {
    ...defaultPack,
    version: "2099.01.01",
    health: {
      ...defaultPack.health,
      categories: defaultPack.health.categories.map((c) => ({ ...c, traits: c.traits.map((t) => (t.key === "mauPerSeat" ? { ...t, label: "Seat use" } : t)) })),
    },
  },
  "test",
);
const gathered: GatheredInputs = {
  computed: { versionsBehind: 1, preciseCodeIntel: true, defectTickets90d: 2, helpTickets90d: 1, daysSinceLastActivity: 4, usageScore: 0.3, mauPerSeat: 0.42 },
  facts: { activeInstances: 1, lastMonth: "2026-10-01", lastMonthMau: 42, dauAvg: 12.6, seats: 100, latestRelease: "6.2.0", lastActivityAt: null },
  manual: [],
};

describe("stored health results", () => {
  it("S1 a history row's explanation is rebuilt with the pack version that scored it, not today's pack", () => {
    const { result, stored } = scoreGathered(older, { segment: null, stage: null }, gathered);
    const row = { model: result.model, pack_version: older.version, inputs: stored, result: null };
    const packs = { all: () => [older, relabelled], current: () => relabelled };
    expect(storedResult(packs, row, {})).toEqual({ categories: result.categories, explanation: result.explanation });
    expect(result.explanation.join(" ")).toContain("MAU/seats");
    // A row without a known version (or written before versions were kept) reads with today's pack.
    expect(storedResult(packs, { ...row, pack_version: null }, {})?.explanation.join(" ")).toContain("Seat use");
  });
  it("S3 the red flag leads the rebuilt explanation while it is set; rows written before 0011 keep their own result", () => {
    const { result, stored } = scoreGathered(older, { segment: null, stage: null }, gathered);
    const packs = { all: () => [older], current: () => older };
    const flagged = storedResult(packs, { model: result.model, pack_version: older.version, inputs: stored, result: null }, { health_red_flag_reason: "Champion left", health_red_flag_by: "Avery" });
    expect(flagged?.explanation[0]).toBe("Marked red by Avery: Champion left");
    const legacy = { categories: [], explanation: ["as written then"] };
    expect(storedResult(packs, { model: "gone", pack_version: null, inputs: {}, result: JSON.stringify(legacy) }, {})).toEqual(legacy);
    expect(storedResult(packs, { model: "override 9 (gone)", pack_version: null, inputs: {}, result: null }, {})).toBeNull();
  });
});
