import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `trellis health recompute` as people run it (through tsx, from source), on an embedded data directory.
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
  dataDir = mkdtempSync(join(tmpdir(), "trellis-health-cli-"));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe("trellis health", { timeout: 240_000 }, () => {
  it("S1 full recompute on demand: trellis health recompute rescores every account and says how many changed", () => {
    expect(trellis(["health", "--help"]).out).toContain("trellis health recompute");
    expect(trellis(["health", "rescore"]).code).toBe(2);
    const r = trellis(["health", "recompute"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Recomputed the health of 0 accounts: 0 changed.");
  });
});
