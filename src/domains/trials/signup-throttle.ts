import { AppError } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";

/**
 * Signup is public: at most pack.signup.rateLimit.perIp submissions per client IP and perDomain
 * per email domain in the window (stored submissions are the count, spam included). When over,
 * 429 with Retry-After = when the oldest counted submission leaves the window. Check-then-insert
 * is not atomic; concurrent bursts may overshoot by a few, which is fine for abuse control.
 */
export async function assertSignupAllowed(db: Executor, pack: ProcessPack, key: { ip: string; domain: string }, now: Date): Promise<void> {
  const { windowMinutes, perIp, perDomain } = pack.signup.rateLimit;
  const windowMs = windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  const checks: { column: "ip" | "email_domain"; value: string; limit: number; what: string }[] = [
    { column: "ip", value: key.ip, limit: perIp, what: "from this address" },
    { column: "email_domain", value: key.domain, limit: perDomain, what: `from ${key.domain}` },
  ];
  for (const c of checks) {
    const edge = await db
      .selectFrom("signup_submissions")
      .select("received_at")
      .where(c.column, "=", c.value)
      .where("received_at", ">", since)
      .orderBy("received_at", "desc")
      .offset(c.limit - 1)
      .limit(1)
      .executeTakeFirst();
    if (edge) {
      const retryAfterSeconds = Math.max(1, Math.ceil((edge.received_at.getTime() + windowMs - now.getTime()) / 1000));
      throw new AppError("rate_limited", `Too many trial requests ${c.what}; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, { retryAfterSeconds });
    }
  }
}
