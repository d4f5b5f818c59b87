import { describe, expect, it } from "vitest";
import { decideStage, stageKeyOf, type StageInput } from "../../src/domains/lifecycle/stage-rules.js";
import { addDays } from "../../src/domains/usage/days.js";
import { defaultPack } from "../../src/pack/default-pack.js";
import { validatePack } from "../../src/platform/pack/load-pack.js";

const pack = validatePack(defaultPack, "default");
const closedOn = "2026-01-05";
const base: StageInput = { inBook: true, closedOn, contractEnd: "2027-01-05", targetsMetAt: null, mauPerSeat: null, dauPerMau: null };
const at = (day: number, input: Partial<StageInput> = {}) => decideStage(pack, { ...base, ...input }, addDays(closedOn, day));

describe("L stage rules", () => {
  it("L outside the book there is no stage", () => {
    expect(at(10, { inBook: false })).toBeNull();
  });

  it("L1 Prospect until the close day", () => {
    expect(at(-1, { closedOn: null })?.stage).toBe("prospect");
    expect(at(-1)?.name).toBe("0. Prospect");
    expect(at(0)?.stage).toBe("onboarding");
  });

  it("L2 Onboarding for 60 days from close: day 59 onboarding, day 60 adopting", () => {
    expect(at(59)).toMatchObject({ stage: "onboarding", name: "1. Onboarding", reason: "Closed on 2026-01-05: onboarding for 60 days, until 2026-03-06" });
    expect(at(60)?.stage).toBe("adopting");
  });

  it("L3/L4 Adopting until DAU/MAU ≥ 0.30 and MAU/seats ≥ 0.80, at each edge", () => {
    expect(at(70, { dauPerMau: 0.29, mauPerSeat: 0.9 })).toMatchObject({ stage: "adopting", latchTargets: false });
    expect(at(70, { dauPerMau: 0.29, mauPerSeat: 0.9 })?.reason).toBe("Onboarding ended on 2026-03-06; DAU/MAU 0.29 < 0.3");
    expect(at(70, { dauPerMau: 0.3, mauPerSeat: 0.79 })?.reason).toBe("Onboarding ended on 2026-03-06; MAU/seats 0.79 < 0.8");
    expect(at(70, { dauPerMau: 0.3, mauPerSeat: 0.8 })).toMatchObject({ stage: "nurturing", name: "3. Nurturing", latchTargets: true });
    expect(at(70, { dauPerMau: null, mauPerSeat: null })?.reason).toContain("unknown");
  });

  it("L4 Nurturing is latched once the targets were met, whatever usage does after", () => {
    expect(at(90, { targetsMetAt: new Date("2026-03-20T00:00:00Z"), dauPerMau: 0.1, mauPerSeat: 0.2 })).toMatchObject({ stage: "nurturing", latchTargets: false });
  });

  it("L5 Renewing from 120 days before renewal takes precedence over every other stage", () => {
    const contractEnd = addDays(closedOn, 200);
    expect(at(79, { contractEnd, targetsMetAt: new Date("2026-03-20T00:00:00Z") })?.stage).toBe("nurturing");
    expect(at(80, { contractEnd, targetsMetAt: new Date("2026-03-20T00:00:00Z") })).toMatchObject({ stage: "renewing", name: "4. Renewing" });
    expect(at(30, { contractEnd: addDays(closedOn, 100) })?.stage).toBe("renewing");
    expect(at(-5, { closedOn: null, contractEnd: addDays(closedOn, 100) })?.stage).toBe("renewing");
  });

  it("L stages are named by key or by the pack's name", () => {
    expect(stageKeyOf(pack, "adopting")).toBe("adopting");
    expect(stageKeyOf(pack, "2. Adopting")).toBe("adopting");
    expect(stageKeyOf(pack, "Adopting")).toBeUndefined();
  });
});
