import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSmtpListener, type SmtpListener } from "../support/smtp-listener.js";

// The CLI as people run it (through tsx, from source), on an embedded data directory.
const MAIN = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
let dataDir: string;

function trellis(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args, "--data-dir", dataDir], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** For tests whose loopback peers live in this process: spawnSync would block them. */
function trellisAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args, "--data-dir", dataDir], {
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "trellis-cli-"));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

// Each case spawns several CLI processes that boot the embedded database: slow on a busy 2-core machine.
describe("trellis CLI", { timeout: 180_000 }, () => {
  it("exits 2 with one line naming the field when a setting is bad", () => {
    const r = trellis(["migrate"], { PORT: "not-a-port" });
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^trellis: PORT \(port\):/);
  });

  it("start exits 2 with one line when the process pack is bad, and does not hang on the database it was opening", () => {
    const pack = join(dataDir, "bad-pack.yaml");
    writeFileSync(pack, "version: [not, a, pack\n");
    const r = trellis(["start", "--port", "0"], { TRELLIS_PACK: pack });
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/^trellis: /);
  });

  it("exits 2 on an unknown option and points at --help", () => {
    const r = trellis(["migrate", "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("trellis migrate --help");
  });

  it("has --help on every command", () => {
    for (const cmd of ["start", "serve", "worker", "migrate", "users", "seed", "clock", "doctor"]) {
      const r = trellis([cmd, "--help"]);
      expect(r.code, cmd).toBe(0);
      expect(r.out, cmd).toContain(`trellis ${cmd}`);
    }
  });

  it("migrates, creates a team member and lists them", () => {
    expect(trellis(["migrate"]).code).toBe(0);
    const created = trellis(["users", "create", "--email", "Ce@Example.com", "--name", "Casey", "--role", "ce", "--generate-password"]);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/Password \(shown once\): \S{20,}/);
    const list = trellis(["users", "list"]);
    expect(list.out).toContain("ce@example.com");
    const dup = trellis(["users", "create", "--email", "ce@example.com", "--name", "Again", "--role", "ce"]);
    expect(dup.code).toBe(2);
    expect(dup.err.trim().split("\n")).toHaveLength(1);
  });

  it("refuses serve and worker on the embedded database", () => {
    const r = trellis(["worker"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("DATABASE_URL");
  });

  it("refuses clock advance unless the clock is simulated", () => {
    const r = trellis(["clock", "advance", "10d"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("TRELLIS_CLOCK=simulated");
  });

  describe("doctor", () => {
    let smtp: SmtpListener;
    beforeAll(async () => {
      smtp = await startSmtpListener();
    });
    afterAll(async () => {
      await smtp.close();
    });

    it("passes when SMTP answers and fails with what to fix when it does not", async () => {
      const good = await trellisAsync(["doctor"], { SMTP_URL: smtp.url });
      expect(good.code, good.out + good.err).toBe(0);
      expect(good.out).toContain("✓ smtp");
      const bad = await trellisAsync(["doctor"], { SMTP_URL: "smtp://127.0.0.1:9" });
      expect(bad.code).toBe(1);
      expect(bad.out).toMatch(/✗ smtp: .*check SMTP_URL/);
    });
  });
});
