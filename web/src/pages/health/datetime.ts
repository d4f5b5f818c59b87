import { nowMs } from "@/platform/time";

/**
 * The forms here take times as UTC in a datetime-local input ("2027-03-04T09:30"): the app shows
 * every exact time in UTC, so the same wall time goes in as comes out.
 */

/** ISO for a datetime-local value read as UTC, or null when it is not a time. */
export function utcInputToIso(value: string): string | null {
  const at = Date.parse(`${value}:00Z`);
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

/** Why an optional past-or-now time is wrong, or null. */
export function pastTimeProblem(value: string, what: string): string | null {
  if (!value) return null;
  const iso = utcInputToIso(value);
  if (!iso) return `Enter ${what} as a date and time.`;
  return Date.parse(iso) > nowMs() ? `${what[0]?.toUpperCase() ?? ""}${what.slice(1)} cannot be in the future.` : null;
}
