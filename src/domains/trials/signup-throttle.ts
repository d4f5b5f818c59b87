import { sql } from "kysely";
import { AppError } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";

/**
 * Signup is public: at most pack.signup.rateLimit.perIp submissions per client IP and perDomain
 * per email domain in the window (stored submissions are the count, spam included). When over,
 * 429 with Retry-After = when the oldest counted submission leaves the window. One query reads
 * both limits' edges. Check-then-insert is not atomic; concurrent bursts may overshoot by a
 * few, which is fine for abuse control.
 */
export async function assertSignupAllowed(db: Executor, pack: ProcessPack, key: { ip: string; domain: string }, now: Date): Promise<void> {
  const { windowMinutes, perIp, perDomain } = pack.signup.rateLimit;
  const windowMs = windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs);
  // The limit-th newest submission inside the window: if it exists, the limit is reached.
  const { rows } = await sql<{ ip_edge: Date | null; domain_edge: Date | null }>`
    select
      (select received_at from signup_submissions where ip = ${key.ip} and received_at > ${since}
        order by received_at desc offset ${perIp - 1} limit 1) as ip_edge,
      (select received_at from signup_submissions where email_domain = ${key.domain} and received_at > ${since}
        order by received_at desc offset ${perDomain - 1} limit 1) as domain_edge`.execute(db);
  const row = rows[0];
  const edges: [Date | null | undefined, string][] = [
    [row?.ip_edge, "from this address"],
    [row?.domain_edge, `from ${key.domain}`],
  ];
  for (const [edge, what] of edges) {
    if (!edge) continue;
    const at = edge instanceof Date ? edge : new Date(edge);
    const retryAfterSeconds = Math.max(1, Math.ceil((at.getTime() + windowMs - now.getTime()) / 1000));
    throw new AppError("rate_limited", `Too many trial requests ${what}; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`, { retryAfterSeconds });
  }
}
