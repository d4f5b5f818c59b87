import { randomUUID, sign, verify } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { LICENSE_FORMAT_VERSION, newNonce, signLicenseKey, verifyLicenseKey, type LicensePayload } from "../src/domains/licenses/license-key.js";
import { KeyRing } from "../src/domains/licenses/signing-keys.js";

export interface LicenseBenchRow {
  bench: string;
  engine: "none";
  value: number;
  unit: string;
  baseline: number;
  target?: string;
}

/**
 * License keys signed and verified per second through the domain's functions (key ring lookup,
 * payload with a fresh nonce, JSON, base64url, Ed25519; verification also parses and checks
 * the payload and expiry) against bare crypto.sign / crypto.verify over a buffer of the same
 * size with the same key, in the same run. Rounds alternate between the two sides so a busy
 * machine slows both alike; each side's rate is the median over the rounds. No database.
 */
export function benchLicense(o: { quick: boolean }): LicenseBenchRow[] {
  const root = mkdtempSync(join(tmpdir(), "trellis-license-bench-"));
  try {
    const ring = new KeyRing(join(root, "keys"));
    const now = new Date("2026-01-05T09:00:00Z");
    const key = ring.signing(now);
    const subscriptionId = randomUUID();
    const payload = (): LicensePayload => ({
      v: LICENSE_FORMAT_VERSION,
      kid: ring.signing(now).kid,
      licensee: "acme-corp-plg-trial",
      userCount: 1000,
      tags: ["plan:enterprise-1", "private-extension-registry", "remote-extensions-allow-disallow", "monitoring", "true-up", "trial", "plg-trial"],
      expiresAt: "2026-02-04T09:00:00.000Z",
      issuedAt: now.toISOString(),
      nonce: newNonce(),
      subscriptionId,
    });
    const sample = signLicenseKey(payload(), key.privateKey);
    const [body = ""] = sample.split(".");
    const bareData = Buffer.from(body);
    const bareSig = sign(null, bareData, key.privateKey);
    const lookup = (kid: string) => ring.find(kid)?.publicKey;

    const n = o.quick ? 500 : 5000;
    const rounds = o.quick ? 3 : 7;
    const rate = (fn: () => void): number => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) fn();
      return n / ((performance.now() - t0) / 1000);
    };
    const ours = {
      sign: () => void signLicenseKey(payload(), ring.signing(now).privateKey),
      verify: () => {
        if (!verifyLicenseKey(sample, lookup, now).valid) throw new Error("bench: the sample key does not verify");
      },
    };
    const bare = {
      sign: () => void sign(null, bareData, key.privateKey),
      verify: () => {
        if (!verify(null, bareData, key.publicKey, bareSig)) throw new Error("bench: bare verify failed");
      },
    };
    // Warm-up (JIT) for all four before measuring.
    for (const fn of [ours.sign, ours.verify, bare.sign, bare.verify]) for (let i = 0; i < 200; i++) fn();
    const samples = { sign: [] as number[], bareSign: [] as number[], verify: [] as number[], bareVerify: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      samples.bareSign.push(rate(bare.sign));
      samples.sign.push(rate(ours.sign));
      samples.bareVerify.push(rate(bare.verify));
      samples.verify.push(rate(ours.verify));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    return [
      { bench: "license_keys_signed", engine: "none", value: median(samples.sign), unit: "keys/s", baseline: median(samples.bareSign), target: "ratio >= 0.7" },
      { bench: "license_keys_verified", engine: "none", value: median(samples.verify), unit: "keys/s", baseline: median(samples.bareVerify), target: "ratio >= 0.7" },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
