import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `trellis accounts evaluate-stages` as people run it (through tsx, from source), on an embedded data directory.
const MAIN = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
let dataDir: string;

function trellis(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args, "--data-dir", dataDir], {
    env: { ...process.env, LOG_LEVEL: "warn" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "trellis-accounts-cli-"));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

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
