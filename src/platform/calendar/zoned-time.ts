/**
 * Wall-clock arithmetic in an IANA time zone through Intl only (no dependency). The business
 * calendar needs two things: "what local day/time is this instant" and "which instant is
 * 07:00 on this local day". Both must follow DST, so offsets are looked up per instant.
 */

/** A civil (local) date; month is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface ZonedParts extends CivilDate {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  hour: number;
  minute: number;
  second: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True for "UTC" and the names Intl treats as UTC, so the default calendar skips Intl entirely. */
const isUtc = (timeZone: string): boolean => /^(utc|gmt|etc\/utc|etc\/gmt|z)$/i.test(timeZone);

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new RangeError(`businessCalendar.timeZone "${timeZone}" is not a time zone this runtime knows`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (for validating a pack's businessCalendar.timeZone). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const isoWeekdayOf = (d: CivilDate): number => {
  const js = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay(); // 0 = Sunday
  return js === 0 ? 7 : js;
};

/** The local wall-clock reading of `atMs` in `timeZone`. */
export function zonedParts(timeZone: string, atMs: number): ZonedParts {
  if (isUtc(timeZone)) {
    const d = new Date(atMs);
    const civil = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    return { ...civil, isoWeekday: isoWeekdayOf(civil), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  }
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(atMs))) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const civil = { year: p.year ?? 1970, month: p.month ?? 1, day: p.day ?? 1 };
  return { ...civil, isoWeekday: isoWeekdayOf(civil), hour: p.hour ?? 0, minute: p.minute ?? 0, second: p.second ?? 0 };
}

/** Offset of the zone from UTC at `atMs` (local − UTC), in ms, whole seconds. */
function offsetMs(timeZone: string, atMs: number): number {
  const p = zonedParts(timeZone, atMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(atMs / 1000) * 1000;
}

/**
 * The instant at which the local clock on civil date `d` reads `hour`:00 (hour may be 24 =
 * the next midnight). Offsets are taken a day either side (one transition at most in
 * between): in an overlap (the reading happens twice) the earlier instant wins; in a gap (the
 * reading never happens) the pre-transition offset is used, landing just after the gap, like
 * Temporal's "compatible" disambiguation.
 */
export function zonedInstant(timeZone: string, d: CivilDate, hour: number): number {
  const wall = Date.UTC(d.year, d.month - 1, d.day) + hour * HOUR_MS;
  if (isUtc(timeZone)) return wall;
  const before = wall - offsetMs(timeZone, wall - DAY_MS);
  const after = wall - offsetMs(timeZone, wall + DAY_MS);
  const reads = (at: number): boolean => {
    const p = zonedParts(timeZone, at);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) === wall;
  };
  const valid = [before, after].filter(reads);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** The civil date `n` days after `d`. */
export function addCivilDays(d: CivilDate, n: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export { isoWeekdayOf };
