import { createRequire } from "node:module";
import type { Options } from "@node-rs/argon2";
import { AppError } from "../errors/app-error.js";
import { randomToken } from "./secrets.js";

/** The native argon2 binding is loaded on the first password operation, not at start-up. */
let argon2Module: typeof import("@node-rs/argon2") | undefined;
function argon2(): typeof import("@node-rs/argon2") {
  argon2Module ??= createRequire(import.meta.url)("@node-rs/argon2") as typeof import("@node-rs/argon2");
  return argon2Module;
}

/**
 * argon2id (the library's default algorithm) with 64 MiB and 2 passes: about 50 ms on this
 * 2-core machine. Memory is the cost that hurts GPU attackers; 64 MiB per concurrent hash
 * is affordable because sign-in throttling bounds how many run at once.
 * Changing these makes passwordNeedsRehash() true for old hashes; sign-in upgrades them.
 */
export const PASSWORD_HASH_OPTIONS = {
  memoryCost: 65_536,
  timeCost: 2,
  parallelism: 1,
} as const satisfies Options;

export const MIN_PASSWORD_LENGTH = 12;
/** argon2 accepts any length; the cap keeps a megabyte "password" from being a cheap DoS. */
export const MAX_PASSWORD_LENGTH = 1024;

export async function hashPassword(password: string): Promise<string> {
  return argon2().hash(password, PASSWORD_HASH_OPTIONS);
}

/** False (never an exception) for a wrong password or an unreadable stored hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await argon2().verify(storedHash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters than today's. */
export function passwordNeedsRehash(storedHash: string): boolean {
  if (!storedHash.startsWith("$argon2id$")) return true;
  try {
    const o = argon2().parseOptions(storedHash);
    return (
      o.memoryCost !== PASSWORD_HASH_OPTIONS.memoryCost ||
      o.timeCost !== PASSWORD_HASH_OPTIONS.timeCost ||
      o.parallelism !== PASSWORD_HASH_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, so an unknown email, a user without a
 * password and a wrong password all take about as long (no account discovery by timing).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomToken(24));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** The first rule the password breaks, as a sentence for the user; null when it is acceptable. */
export function passwordPolicyProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return `Password must be at least ${MIN_PASSWORD_LENGTH} characters long (it has ${length}).`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `Password must be at most ${MAX_PASSWORD_LENGTH} characters long.`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return "Password must not be the same as the email address.";
  }
  return null;
}

export function assertPasswordPolicy(password: string, email: string): void {
  const problem = passwordPolicyProblem(password, email);
  if (problem) throw new AppError("validation_failed", problem, { details: { field: "password" } });
}
