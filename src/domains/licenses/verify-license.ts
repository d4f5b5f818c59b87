import type { AppContext } from "../../platform/app/context.js";
import { verifyLicenseKey, type LicenseVerification } from "./license-key.js";
import { keyRing } from "./signing-keys.js";

/** Verifies a key against this Trellis's public keys (the same check anyone can run offline). */
export function verifyLicense(ctx: AppContext, licenseKey: string): LicenseVerification {
  const ring = keyRing(ctx.config, ctx.log);
  return verifyLicenseKey(licenseKey, (kid) => ring.find(kid)?.publicKey, ctx.clock.now());
}
