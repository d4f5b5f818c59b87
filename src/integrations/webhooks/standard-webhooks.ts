import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing, so that receivers can verify
 * us with any of the spec's libraries: signature = base64(HMAC-SHA256(key, "id.timestamp.body"))
 * where the secret is "whsec_" + base64(key).
 */
export const SECRET_PREFIX = "whsec_";
const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(encoded, "base64");
  if (key.length === 0) throw new Error("webhook secret is empty or not base64");
  return key;
}

/** The `webhook-signature` value for one message: "v1,<base64>". */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export interface WebhookHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

export function webhookHeaders(secret: string, id: string, timestampSeconds: number, body: string): WebhookHeaders {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": signWebhook(secret, id, timestampSeconds, body),
  };
}

export interface VerifyOptions {
  secret: string;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body exactly as received. */
  body: string;
  /** When given, the timestamp must lie within ±tolerance of it (replay protection). */
  now?: Date;
  toleranceSeconds?: number;
}

export type VerifyResult = { ok: true; id: string; timestamp: number } | { ok: false; reason: string };

/** Verifies a Standard Webhooks request; any of the space-separated v1 signatures may match. */
export function verifyWebhook(o: VerifyOptions): VerifyResult {
  const id = header(o.headers, "webhook-id");
  const ts = header(o.headers, "webhook-timestamp");
  const signatures = header(o.headers, "webhook-signature");
  if (!id || !ts || !signatures) return { ok: false, reason: "missing webhook-id, webhook-timestamp or webhook-signature" };
  const timestamp = Number(ts);
  if (!/^\d+$/.test(ts) || !Number.isSafeInteger(timestamp)) return { ok: false, reason: "webhook-timestamp is not unix seconds" };
  if (o.now) {
    const skew = Math.abs(Math.floor(o.now.getTime() / 1000) - timestamp);
    if (skew > (o.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: "webhook-timestamp is too old or too new" };
  }
  const expected = Buffer.from(signWebhook(o.secret, id, timestamp, o.body).slice(3), "base64");
  for (const candidate of signatures.split(" ")) {
    const [version, mac] = candidate.split(",", 2);
    if (version !== "v1" || !mac) continue;
    const given = Buffer.from(mac, "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, id, timestamp };
  }
  return { ok: false, reason: "no matching v1 signature" };
}

function header(headers: VerifyOptions["headers"], name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
