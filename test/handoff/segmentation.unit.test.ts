import { describe, expect, it } from "vitest";
import { segmentFor } from "../../src/domains/handoff/segmentation.js";
import { defaultPack } from "../../src/pack/default-pack.js";
import { validatePack } from "../../src/platform/pack/load-pack.js";

const pack = validatePack(defaultPack, "default");

describe("H2 segmentation", () => {
  it.each([
    [2500, "Strategic"],
    [2499, "Enterprise"],
    [501, "Enterprise"],
    [500, "Mid-Market"],
    [100, "Mid-Market"],
    [99, "SMB"],
    [0, "SMB"],
  ])("H2 %i developers → %s (ARR $200,000)", (developers, segment) => {
    expect(segmentFor(pack, { developers, arr: 200_000 }).segment).toBe(segment);
  });

  it("H2 a Commercial account under $50k ARR becomes Scaled Success; exactly $50,000 does not", () => {
    expect(segmentFor(pack, { developers: 300, arr: 49_999 }).segment).toBe("Scaled Success");
    expect(segmentFor(pack, { developers: 50, arr: 10_000 }).segment).toBe("Scaled Success");
    expect(segmentFor(pack, { developers: 300, arr: 50_000 }).segment).toBe("Mid-Market");
    expect(segmentFor(pack, { developers: 99, arr: 50_000 }).segment).toBe("SMB");
    // Only Commercial segments: a small Enterprise deal stays Enterprise.
    expect(segmentFor(pack, { developers: 1200, arr: 40_000 }).segment).toBe("Enterprise");
  });

  it("H2 reasons say which rule placed the account, in numbers people read", () => {
    expect(segmentFor(pack, { developers: 1200, arr: 40_000 }).reason).toBe("1,200 developers ≥ 501 → Enterprise; Enterprise → Enterprise coverage");
    expect(segmentFor(pack, { developers: 300, arr: 40_000 }).reason).toBe(
      "300 developers ≥ 100 → Mid-Market; ARR $40,000 < $50,000 → Scaled Success; Digital coverage (default)",
    );
    expect(segmentFor(pack, { developers: 50, arr: 60_000 }).reason).toBe("50 developers < 100 → SMB; ARR $60,000 ≥ $50,000 → stays SMB; SMB → Scaled coverage");
  });

  it("X coverage follows segment and the $100k ARR line", () => {
    expect(segmentFor(pack, { developers: 3000, arr: null }).coverage).toBe("Enterprise coverage");
    expect(segmentFor(pack, { developers: 300, arr: 100_000 }).coverage).toBe("Enterprise coverage");
    expect(segmentFor(pack, { developers: 300, arr: 99_999 }).coverage).toBe("Scaled coverage");
    expect(segmentFor(pack, { developers: 300, arr: 20_000 }).coverage).toBe("Digital coverage");
  });

  it("H2 without a developer count there is no segment, and the reason says so", () => {
    const s = segmentFor(pack, { developers: null, arr: 20_000 });
    expect(s.segment).toBeNull();
    expect(s.coverage).toBe("Digital coverage");
    expect(s.reason).toContain("Developers unknown");
    expect(segmentFor(pack, { developers: 300, arr: null }).reason).toContain("ARR unknown → stays Mid-Market");
  });
});
