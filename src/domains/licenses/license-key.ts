import { randomFillSync, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";

/**
 * X: a license key is signed, not encrypted: `base64url(payload JSON) "." base64url(Ed25519
 * signature)`, the signature taken over the first segment's ASCII bytes exactly as written (so
 * a verifier never re-serialises JSON). Anyone with the public key verifies it offline.
 */
export const LICENSE_FORMAT_VERSION = 1;
/** Keys longer than this are refused unread (a payload with 200 tags is still far below). */
export const MAX_LICENSE_KEY_LENGTH = 16_384;

export const licensePayloadSchema = z
  .object({
    v: z.literal(LICENSE_FORMAT_VERSION),
    kid: z.string().min(1).max(64),
    licensee: z.string().min(1).max(200),
    /** 0 = unlimited. */
    userCount: z.number().int().min(0),
    tags: z.array(z.string()),
    expiresAt: z.iso.datetime({ offset: true }),
    issuedAt: z.iso.datetime({ offset: true }),
    nonce: z.string().min(8).max(64),
    subscriptionId: z.string().min(1).max(64),
  })
  .strict();

export type LicensePayload = z.infer<typeof licensePayloadSchema>;

// Nonces come from a pooled CSPRNG buffer (refilled every 64 nonces), as randomUUID does:
// one randomFillSync per 64 licenses instead of a call per license.
const NONCE_BYTES = 16;
const pool = Buffer.alloc(NONCE_BYTES * 64);
let poolOffset = pool.length;

/** 128 random bits, base64url: makes every license key unique even with identical terms. */
export function newNonce(): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const nonce = pool.toString("base64url", poolOffset, poolOffset + NONCE_BYTES);
  poolOffset += NONCE_BYTES;
  return nonce;
}

export function signLicenseKey(payload: LicensePayload, privateKey: KeyObject): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(null, Buffer.from(body), privateKey).toString("base64url")}`;
}

/** Why a key is not valid; null when it is. */
export type LicenseProblem = "malformed" | "unknown_key" | "bad_signature" | "expired";

export interface LicenseVerification {
  valid: boolean;
  reason: LicenseProblem | null;
  /** One sentence for people: what is wrong, or what the license grants. */
  message: string;
  /** The payload as read (present even when the signature is bad: do not trust it then). */
  payload: LicensePayload | null;
  signatureValid: boolean;
  expired: boolean;
}

type Decoded = { ok: true; body: string; signature: Buffer; payload: LicensePayload } | { ok: false; message: string };

const SEGMENTS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** Splits and parses a key without checking its signature. */
export function decodeLicenseKey(key: string): Decoded {
  const trimmed = key.trim();
  if (trimmed.length > MAX_LICENSE_KEY_LENGTH) return { ok: false, message: `is longer than ${MAX_LICENSE_KEY_LENGTH} characters` };
  const m = SEGMENTS.exec(trimmed);
  if (!m) return { ok: false, message: "is not two base64url parts joined by a dot" };
  const [, body = "", sig = ""] = m;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, message: "has a payload that is not JSON" };
  }
  const parsed = licensePayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `has a payload with a bad ${issue?.path.join(".") || "shape"} (${issue?.message ?? "invalid"})` };
  }
  const signature = Buffer.from(sig, "base64url");
  if (signature.length !== 64) return { ok: false, message: "has a signature that is not 64 bytes (Ed25519)" };
  return { ok: true, body, signature, payload: parsed.data };
}

/**
 * Checks a key against the public keys `lookup` knows. Expired is reported as such only when
 * the signature is good, so "expired" always means "genuine, but past its date".
 */
export function verifyLicenseKey(key: string, lookup: (kid: string) => KeyObject | undefined, now: Date): LicenseVerification {
  const decoded = decodeLicenseKey(key);
  if (!decoded.ok) {
    return { valid: false, reason: "malformed", message: `Malformed license key: it ${decoded.message}.`, payload: null, signatureValid: false, expired: false };
  }
  const { payload } = decoded;
  const expired = Date.parse(payload.expiresAt) <= now.getTime();
  const publicKey = lookup(payload.kid);
  if (!publicKey) {
    return {
      valid: false,
      reason: "unknown_key",
      message: `Unknown key id ${payload.kid}: no public key with that id is known here, so the signature cannot be checked.`,
      payload,
      signatureValid: false,
      expired,
    };
  }
  if (!verify(null, Buffer.from(decoded.body), publicKey, decoded.signature)) {
    return {
      valid: false,
      reason: "bad_signature",
      message: `Bad signature: the key was altered after signing (or signed by another key than ${payload.kid}); do not trust its payload.`,
      payload,
      signatureValid: false,
      expired,
    };
  }
  const grants = `${payload.licensee}, ${payload.userCount === 0 ? "unlimited users" : `${payload.userCount} users`}`;
  if (expired) {
    return {
      valid: false,
      reason: "expired",
      message: `Signature valid (key ${payload.kid}), but the license expired at ${payload.expiresAt} (${grants}).`,
      payload,
      signatureValid: true,
      expired: true,
    };
  }
  return { valid: true, reason: null, message: `Valid: ${grants}, expires ${payload.expiresAt}, signed with key ${payload.kid}.`, payload, signatureValid: true, expired: false };
}
