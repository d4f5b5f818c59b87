import { describe, expect, it } from "vitest";
import { cliOnTempDataDir } from "../support/cli-from-source.js";

// `trellis health recompute` as people run it, on an embedded data directory.
const trellis = cliOnTempDataDir("health");

describe("trellis health", { timeout: 240_000 }, () => {
  it("S1 full recompute on demand: trellis health recompute rescores every account and says how many changed", () => {
    expect(trellis(["health", "--help"]).out).toContain("trellis health recompute");
    expect(trellis(["health", "rescore"]).code).toBe(2);
    const r = trellis(["health", "recompute"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Recomputed the health of 0 accounts: 0 changed.");
  });
});
