import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

const MAIN = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/**
 * `trellis` as people run it (through tsx, from source) on an embedded data directory made for
 * the test file (beforeAll) and removed after it (afterAll). Returns the runner.
 */
export function cliOnTempDataDir(name: string): (args: string[]) => CliRun {
  let dataDir = "";
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), `trellis-${name}-cli-`));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });
  return (args) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args, "--data-dir", dataDir], {
      env: { ...process.env, LOG_LEVEL: "warn" },
      encoding: "utf8",
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
}
