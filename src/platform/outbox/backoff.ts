import type { ProcessPack } from "../pack/pack-schema.js";

export type BackoffPolicy = ProcessPack["outbox"];

/**
 * Seconds to wait before the next attempt after failed attempt number `attempt` (1-based):
 * base·2^(attempt−1), capped at the maximum, spread by ±jitter so that many rows failing
 * together (a receiver outage) do not all retry in the same second.
 * A receiver's Retry-After wins over the formula (it knows its own load) but is still capped,
 * so a hostile or broken receiver cannot park a row for a year.
 */
export function retryDelaySeconds(
  policy: BackoffPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
    return Math.min(Math.ceil(retryAfterSeconds), policy.backoffMaxSeconds);
  }
  const exponential = policy.backoffBaseSeconds * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(exponential, policy.backoffMaxSeconds);
  const spread = capped * policy.jitter * (random() * 2 - 1);
  return Math.max(1, Math.min(policy.backoffMaxSeconds, Math.round(capped + spread)));
}
