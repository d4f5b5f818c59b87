import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/database.js";

/** A query executor: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** Cryptographically random bytes as base64url (no padding): cookie- and header-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * SHA-256 hex of a bearer secret. Session and API tokens carry 256 random bits, so a fast hash
 * is enough: it only has to keep a stolen database copy from yielding usable tokens.
 */
export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/**
 * Compares two secrets without leaking where they differ. Hashing first gives equal-length
 * inputs, so the length of the expected value does not leak either.
 */
export function secretsEqual(provided: string, expected: string): boolean {
  const a = createHash("sha256").update(provided, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL rejects a malformed uuid with an error; check first so callers get not_found. */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * Activity stamps (sessions.last_seen_at, api_tokens.last_used_at) are written at most this
 * often, so an authenticated request does not cost a write every time.
 */
export const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

export const activityIsStale = (last: Date | null, now: Date): boolean =>
  last === null || now.getTime() - last.getTime() >= ACTIVITY_WRITE_INTERVAL_MS;
