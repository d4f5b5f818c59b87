import { describe, expect, it } from "vitest";
import { cliOnTempDataDir } from "../support/cli-from-source.js";

// `trellis accounts evaluate-stages` as people run it, on an embedded data directory.
const trellis = cliOnTempDataDir("accounts");

describe("trellis accounts", { timeout: 240_000 }, () => {
  it("L.evaluate on demand: trellis accounts evaluate-stages evaluates the book and says what changed", () => {
    expect(trellis(["accounts", "--help"]).out).toContain("trellis accounts evaluate-stages");
    const bad = trellis(["accounts", "evaluate"]);
    expect(bad.code).toBe(2);
    const r = trellis(["accounts", "evaluate-stages"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Evaluated 0 accounts: 0 stage changes");
  });
});
