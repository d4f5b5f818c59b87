import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// `trellis license` as people run it (tsx, from source) on an embedded data directory; keys in
// the default place, <data dir>/keys.
const MAIN = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
let root: string;
let dataDir: string;

function trellis(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args, "--data-dir", dataDir], {
    env: { ...process.env, LOG_LEVEL: "warn", TRELLIS_LICENSE_KEYS_DIR: "", ...env },
    encoding: "utf8",
    timeout: 90_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "trellis-license-cli-"));
  dataDir = join(root, "data");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("trellis license", { timeout: 180_000 }, () => {
  let key = "";

  it("create records a production subscription and prints the key alone on stdout; the private key file is 0600", () => {
    const r = trellis(["license", "create", "--licensee", "acme", "--users", "50", "--tags", "plan:enterprise-1, true-up ,", "--expires", "2099-01-01"]);
    expect(r.code, r.err).toBe(0);
    key = r.out.trim();
    expect(key).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(r.err).toContain("50 users, expires 2099-01-01T00:00:00.000Z");
    expect(statSync(join(dataDir, "keys", "signing-key-0001.json")).mode & 0o777).toBe(0o600);
    expect(r.out + r.err).not.toContain("PRIVATE KEY");
  });

  it("verify exits 0 for a valid key and 1 with one line for a tampered one", () => {
    const ok = trellis(["license", "verify", key]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/^Valid: acme, 50 users/);
    const [body = "", sig = ""] = key.split(".");
    const p = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const tampered = `${Buffer.from(JSON.stringify({ ...p, userCount: 0 })).toString("base64url")}.${sig}`;
    const bad = trellis(["license", "verify", tampered]);
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split("\n")).toHaveLength(1);
    expect(bad.err).toMatch(/^trellis: not valid \(bad_signature\): Bad signature/);
  });

  it("verifies offline with only the public key file, across a rotation; inspect prints the payload", () => {
    const rotated = trellis(["license", "rotate-key"]);
    expect(rotated.code, rotated.err).toBe(0);
    expect(rotated.out).toMatch(/New signing key [0-9a-f]{16}.*1 older key\(s\) keep verifying/);
    const pub = trellis(["license", "public-keys"]);
    expect(pub.code).toBe(0);
    expect(pub.out.match(/BEGIN PUBLIC KEY/g)).toHaveLength(2);
    const file = join(root, "public.pem");
    writeFileSync(file, pub.out);
    const elsewhere = { TRELLIS_LICENSE_KEYS_DIR: join(root, "empty-keys") };
    expect(trellis(["license", "verify", key], elsewhere).err).toContain("unknown_key");
    const ok = trellis(["license", "verify", key, "--public-key", file], elsewhere);
    expect(ok.code, ok.err).toBe(0);
    const inspect = trellis(["license", "inspect", key, "--public-key", file], elsewhere);
    expect(inspect.code).toBe(0);
    expect(JSON.parse(inspect.out.slice(0, inspect.out.lastIndexOf("}") + 1))).toMatchObject({ licensee: "acme", userCount: 50, tags: ["plan:enterprise-1", "true-up"] });
  });

  it("bad input exits 2 with one line naming the option or field", () => {
    const users = trellis(["license", "create", "--licensee", "x", "--users", "many", "--expires", "2099-01-01"]);
    expect(users.code).toBe(2);
    expect(users.err).toMatch(/^trellis: --users/);
    const past = trellis(["license", "create", "--licensee", "x", "--users", "3", "--expires", "2001-01-01"]);
    expect(past.code).toBe(2);
    expect(past.err.trim()).toBe("trellis: expiresAt: must be in the future.");
    expect(trellis(["license", "frobnicate"]).code).toBe(2);
    const help = trellis(["license", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("trellis license verify KEY");
  });
});
