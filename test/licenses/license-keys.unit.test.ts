import { afterAll, describe, expect, it } from "vitest";
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { statSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createLogger } from "../../src/platform/log/logger.js";
import { decodeLicenseKey, newNonce, signLicenseKey, verifyLicenseKey, type LicensePayload } from "../../src/domains/licenses/license-key.js";
import { KeyRing, keyIdOf, publicKeys } from "../../src/domains/licenses/signing-keys.js";
import { nameSlug, normalizeTags } from "../../src/domains/licenses/license-terms.js";
import { tempKeysDir } from "./license-fixtures.js";

const now = new Date("2026-01-05T09:00:00Z");
const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((c) => c()));
function ring(log?: ReturnType<typeof createLogger>): KeyRing {
  const t = tempKeysDir();
  dirs.push(t.cleanup);
  return new KeyRing(t.dir, log);
}

const payload = (kid: string, over: Partial<LicensePayload> = {}): LicensePayload => ({
  v: 1,
  kid,
  licensee: "acme-plg-trial",
  userCount: 1000,
  tags: ["trial", "plg-trial"],
  expiresAt: "2026-02-04T09:00:00.000Z",
  issuedAt: now.toISOString(),
  nonce: newNonce(),
  subscriptionId: "00000000-0000-4000-8000-000000000001",
  ...over,
});

/** Re-encodes a key with a changed payload but the original signature (what a tamperer does). */
function withPayload(key: string, change: (p: LicensePayload) => LicensePayload): string {
  const [body = "", sig = ""] = key.split(".");
  const p = JSON.parse(Buffer.from(body, "base64url").toString()) as LicensePayload;
  return `${Buffer.from(JSON.stringify(change(p))).toString("base64url")}.${sig}`;
}

describe("license signing keys", () => {
  it("creates the first key on first use: file 0600 in a 0700 directory, kid = short hash of the public key", () => {
    const r = ring();
    const key = r.signing(now);
    expect(statSync(r.dir).mode & 0o777).toBe(0o700);
    const files = readdirSync(r.dir);
    expect(files).toEqual(["signing-key-0001.json"]);
    expect(statSync(join(r.dir, files[0] ?? "")).mode & 0o777).toBe(0o600);
    expect(key.kid).toMatch(/^[0-9a-f]{16}$/);
    expect(key.kid).toBe(keyIdOf(createPublicKey(key.publicKeyPem)));
    // Cached: the same key, no second file.
    expect(r.signing(now).kid).toBe(key.kid);
    expect(new KeyRing(r.dir).signing(now).kid).toBe(key.kid);
  });

  it("never writes the private key to the log", () => {
    let logged = "";
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((logged += chunk.toString()), done()) });
    const r = ring(createLogger("trace", sink));
    const key = r.signing(now);
    r.rotate(now);
    const file = readFileSync(join(r.dir, "signing-key-0001.json"), "utf8");
    const pem = (JSON.parse(file) as { privateKey: string }).privateKey;
    const body = pem.split("\n").filter((l) => !l.startsWith("-----")).join("");
    expect(logged).toContain(key.kid);
    expect(logged).not.toContain("PRIVATE KEY");
    expect(logged).not.toContain(body);
  });

  it("rotates: the newest key signs, every key verifies", () => {
    const r = ring();
    const first = r.signing(now);
    const oldKey = signLicenseKey(payload(first.kid), first.privateKey);
    const second = r.rotate(now);
    expect(second.kid).not.toBe(first.kid);
    expect(r.signing(now).kid).toBe(second.kid);
    const newKey = signLicenseKey(payload(second.kid), second.privateKey);
    const lookup = (kid: string) => r.find(kid)?.publicKey;
    expect(verifyLicenseKey(oldKey, lookup, now).valid).toBe(true);
    expect(verifyLicenseKey(newKey, lookup, now).valid).toBe(true);
    expect(publicKeys(r, now).map((k) => [k.kid, k.current])).toEqual([
      [second.kid, true],
      [first.kid, false],
    ]);
  });

  it("picks up a rotation made by another process (the directory changed)", () => {
    const t = tempKeysDir();
    dirs.push(t.cleanup);
    const r = new KeyRing(t.dir, undefined, 0);
    r.signing(now);
    const other = new KeyRing(r.dir);
    const rotated = other.rotate(now);
    expect(r.signing(now).kid).toBe(rotated.kid);
  });
});

describe("license key format", () => {
  const r = ring();
  const key = r.signing(now);
  const lookup = (kid: string) => r.find(kid)?.publicKey;
  const good = signLicenseKey(payload(key.kid), key.privateKey);

  it("verifies with plain node:crypto and the public PEM", () => {
    const [body = "", sig = ""] = good.split(".");
    expect(verify(null, Buffer.from(body), createPublicKey(key.publicKeyPem), Buffer.from(sig, "base64url"))).toBe(true);
    const v = verifyLicenseKey(good, lookup, now);
    expect(v).toMatchObject({ valid: true, reason: null, signatureValid: true, expired: false });
    expect(v.payload?.userCount).toBe(1000);
  });

  it("a tampered payload fails as bad_signature with a clear message", () => {
    const tampered = withPayload(good, (p) => ({ ...p, userCount: 100_000 }));
    const v = verifyLicenseKey(tampered, lookup, now);
    expect(v).toMatchObject({ valid: false, reason: "bad_signature", signatureValid: false });
    expect(v.message).toMatch(/^Bad signature: the key was altered/);
  });

  it("a tampered signature fails as bad_signature", () => {
    const [body = "", sig = ""] = good.split(".");
    const bytes = Buffer.from(sig, "base64url");
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    expect(verifyLicenseKey(`${body}.${bytes.toString("base64url")}`, lookup, now).reason).toBe("bad_signature");
  });

  it("an unknown key id fails as unknown_key", () => {
    const stranger = generateKeyPairSync("ed25519");
    const foreign = signLicenseKey(payload(keyIdOf(stranger.publicKey)), stranger.privateKey);
    const v = verifyLicenseKey(foreign, lookup, now);
    expect(v.reason).toBe("unknown_key");
    expect(v.message).toContain(keyIdOf(stranger.publicKey));
  });

  it("expired is reported as a valid signature that is past its date", () => {
    const v = verifyLicenseKey(good, lookup, new Date("2026-03-01T00:00:00Z"));
    expect(v).toMatchObject({ valid: false, reason: "expired", signatureValid: true, expired: true });
    expect(v.message).toMatch(/^Signature valid .* but the license expired at 2026-02-04T09:00:00.000Z/);
  });

  it("malformed keys say what is wrong", () => {
    for (const bad of ["", "abc", "a.b.c", "not base64!.x", `${Buffer.from("{}").toString("base64url")}.${"A".repeat(86)}`, `${good.split(".")[0]}.AAAA`]) {
      const v = verifyLicenseKey(bad, lookup, now);
      expect(v.reason, bad).toBe("malformed");
      expect(v.message, bad).toMatch(/^Malformed license key: it /);
    }
    expect(decodeLicenseKey(good).ok).toBe(true);
  });

  it("X tags are trimmed, empties and repeats dropped; T6 licensee slug", () => {
    expect(normalizeTags([" trial ", "", "trial", "plan:enterprise-1 "])).toEqual(["trial", "plan:enterprise-1"]);
    expect(nameSlug("Acme Corp, Inc.")).toBe("acme-corp-inc");
    expect(nameSlug("Ünïcode Gmbh")).toBe("unicode-gmbh");
    expect(nameSlug("!!!")).toBe("customer");
  });
});
