import { AppError } from "../errors/app-error.js";
import type { Executor } from "./secrets.js";

/** Failed sign-ins allowed per account within the window (counted since its last success). */
export const MAX_FAILURES_PER_EMAIL = 5;
/** Failed sign-ins allowed per client IP within the window, whatever the emails. */
export const MAX_FAILURES_PER_IP = 20;
export const THROTTLE_WINDOW_MINUTES = 15;
const WINDOW_MS = THROTTLE_WINDOW_MINUTES * 60_000;

export interface AttemptKey {
  /** Normalised email. */
  email: string;
  ip: string;
}

/**
 * Refuses with rate_limited when the account or the IP has used up its failures.
 *
 * Per account: the last MAX_FAILURES_PER_EMAIL attempts inside the window were all failures.
 * A success in between resets the count (only someone holding the password can do that),
 * so a user who mistyped a few times and then got in starts afresh.
 * Per IP: successes do not reset the count, or an attacker could reset it with an account of
 * their own. Refused attempts are recorded as failures too, so hammering keeps the lock on;
 * retryAfterSeconds is when the lock lifts if the client waits. Check-then-insert is not
 * atomic: concurrent guesses can overshoot a limit by a few, which the limits tolerate.
 */
export async function assertNotThrottled(db: Executor, key: AttemptKey, now: Date): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const emailRecent = await db
    .selectFrom("login_attempts")
    .select(["at", "ok"])
    .where("email", "=", key.email)
    .where("at", ">", since)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(MAX_FAILURES_PER_EMAIL)
    .execute();
  const emailLockedSince =
    emailRecent.length === MAX_FAILURES_PER_EMAIL && emailRecent.every((a) => !a.ok)
      ? emailRecent[emailRecent.length - 1]?.at
      : undefined;

  // The MAX-th most recent failure: when it leaves the window the IP is below the limit again.
  const ipEdge = await db
    .selectFrom("login_attempts")
    .select("at")
    .where("ip", "=", key.ip)
    .where("ok", "=", false)
    .where("at", ">", since)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .offset(MAX_FAILURES_PER_IP - 1)
    .limit(1)
    .executeTakeFirst();

  const waits = [emailLockedSince, ipEdge?.at]
    .filter((at): at is Date => at !== undefined)
    .map((at) => at.getTime() + WINDOW_MS - now.getTime());
  if (waits.length === 0) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  throw new AppError(
    "rate_limited",
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfterSeconds, details: { retryAfterSeconds } },
  );
}

export async function recordLoginAttempt(db: Executor, key: AttemptKey, at: Date, ok: boolean): Promise<void> {
  await db.insertInto("login_attempts").values({ email: key.email, ip: key.ip, at, ok }).execute();
}
