import { DAY_MS } from "../../platform/clock/clock.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";

/** UTC calendar days as "YYYY-MM-DD" strings, the form `date` columns come back in. */
export const dayOf = utcDateKey;

/** 00:00 UTC of a day, in milliseconds. */
export const dayStartMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

export const monthOf = (day: string): string => `${day.slice(0, 7)}-01`;

export function addDays(day: string, n: number): string {
  return dayOf(new Date(dayStartMs(day) + n * DAY_MS));
}

/** Whole days from a to b (b later is positive). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayStartMs(b) - dayStartMs(a)) / DAY_MS);
}

export function previousMonth(day: string): string {
  const d = new Date(`${monthOf(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return dayOf(d);
}
