/**
 * The business calendar behind every SLA (X "Cloud SLAs": working hours Mon–Fri 07:00–22:00
 * GMT by default). Pure functions over pack.businessCalendar; time zones are IANA names,
 * resolved through Intl per instant so working hours follow DST (zoned-time.ts).
 *
 * Working time on a working day is the half-open local interval [dayStartHour, dayEndHour):
 * 22:00 exactly is outside. A deadline that uses up a day's working time exactly lands on that
 * day's end (22:00), not on the next morning.
 */
import type { ProcessPack } from "../pack/pack-schema.js";
import { addCivilDays, isoWeekdayOf, zonedInstant, zonedParts, type CivilDate } from "./zoned-time.js";

export type BusinessCalendar = ProcessPack["businessCalendar"];

const HOUR_MS = 3_600_000;
/** workingDays is never empty, so a fortnight without working time means a broken calendar. */
const MAX_IDLE_DAYS = 14;

interface Interval {
  start: number;
  end: number;
}

/** The working intervals in time order, starting with the local day that contains `fromMs`. */
function* workingIntervals(cal: BusinessCalendar, fromMs: number): Generator<Interval> {
  const p = zonedParts(cal.timeZone, fromMs);
  let day: CivilDate = { year: p.year, month: p.month, day: p.day };
  for (let idle = 0; idle < MAX_IDLE_DAYS; day = addCivilDays(day, 1)) {
    const working = cal.workingDays.includes(isoWeekdayOf(day));
    const start = working ? zonedInstant(cal.timeZone, day, cal.dayStartHour) : 0;
    const end = working ? zonedInstant(cal.timeZone, day, cal.dayEndHour) : 0;
    if (end <= start) {
      idle++;
      continue;
    }
    idle = 0;
    yield { start, end };
  }
  throw new RangeError("businessCalendar has no working time in a fortnight");
}

export function isWorkingTime(cal: BusinessCalendar, at: Date): boolean {
  const p = zonedParts(cal.timeZone, at.getTime());
  return cal.workingDays.includes(p.isoWeekday) && p.hour >= cal.dayStartHour && p.hour < cal.dayEndHour;
}

/** The first working instant at or after `at` (`at` itself when it is working time). */
export function nextWorkingStart(cal: BusinessCalendar, at: Date): Date {
  const t = at.getTime();
  for (const iv of workingIntervals(cal, t)) {
    if (iv.end > t) return new Date(Math.max(iv.start, t));
  }
  /* c8 ignore next */
  throw new RangeError("unreachable");
}

/**
 * `start` plus `hours` of working time, skipping nights, non-working days and DST-shifted
 * hours alike. Zero hours returns `start` unchanged; negative or non-finite hours throw.
 * Friday 21:30 + 1 h → Monday 07:30 (default calendar).
 */
export function addWorkingHours(cal: BusinessCalendar, start: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a finite number ≥ 0, got ${hours}`);
  let remaining = Math.round(hours * HOUR_MS);
  const t = start.getTime();
  if (remaining === 0) return new Date(t);
  for (const iv of workingIntervals(cal, t)) {
    const from = Math.max(iv.start, t);
    if (iv.end <= from) continue;
    const available = iv.end - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  /* c8 ignore next */
  throw new RangeError("unreachable");
}

/** N full working days of working time: days × (dayEndHour − dayStartHour) working hours. */
export function addWorkingDays(cal: BusinessCalendar, start: Date, days: number): Date {
  return addWorkingHours(cal, start, days * (cal.dayEndHour - cal.dayStartHour));
}

/** Working time between two instants in ms; negative when `to` is before `from`. */
export function workingMsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return 0 - workingMsBetween(cal, to, from); // 0 − x: never −0
  let total = 0;
  for (const iv of workingIntervals(cal, a)) {
    if (iv.start >= b) break;
    const lo = Math.max(iv.start, a);
    const hi = Math.min(iv.end, b);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/**
 * X cloud SLA for a new trial. A signup in working hours is due `provisioningSla.workingHours`
 * working hours later (an evening signup carries over: Friday 21:30 + 1 h → Monday 07:30).
 * A signup outside working hours is due `outOfHoursWorkingDays` full working days counted from
 * the next working start: with the defaults, a Saturday (or Tuesday 23:00) signup is due at the
 * end of the next working day (Monday 22:00, Wednesday 22:00).
 */
export function provisioningDueAt(pack: ProcessPack, signupAt: Date): Date {
  const cal = pack.businessCalendar;
  const sla = pack.trials.provisioningSla;
  if (isWorkingTime(cal, signupAt)) return addWorkingHours(cal, signupAt, sla.workingHours);
  return addWorkingDays(cal, nextWorkingStart(cal, signupAt), sla.outOfHoursWorkingDays);
}

export type SlaState = "ok" | "amber" | "red" | "met" | "missed";

/** Below this share of the allowed working time left, the clock turns amber. */
const AMBER_SHARE = 0.25;

/**
 * The clock shown on boards. Open items: `workingMsLeft` = working time from `now` to `dueAt`
 * (negative = working time overdue); red once `now` is past `dueAt`, amber when less than 25%
 * of the allowed working time (`startAt` → `dueAt`) is left, ok otherwise. Done items: met when
 * `doneAt` ≤ `dueAt`, else missed; `workingMsLeft` is then measured at `doneAt` (the margin
 * kept, or the working time it ran over).
 */
export function slaClock(
  cal: BusinessCalendar,
  o: { startAt: Date; dueAt: Date; now: Date; doneAt?: Date | null },
): { state: SlaState; workingMsLeft: number; workingMsAllowed: number } {
  const workingMsAllowed = Math.max(0, workingMsBetween(cal, o.startAt, o.dueAt));
  if (o.doneAt) {
    const workingMsLeft = workingMsBetween(cal, o.doneAt, o.dueAt);
    return { state: o.doneAt.getTime() <= o.dueAt.getTime() ? "met" : "missed", workingMsLeft, workingMsAllowed };
  }
  const workingMsLeft = workingMsBetween(cal, o.now, o.dueAt);
  let state: SlaState = "ok";
  if (o.now.getTime() > o.dueAt.getTime()) state = "red";
  else if (workingMsLeft <= 0 || workingMsLeft < workingMsAllowed * AMBER_SHARE) state = "amber";
  return { state, workingMsLeft, workingMsAllowed };
}
