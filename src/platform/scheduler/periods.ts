import { DAY_MS } from "../clock/clock.js";

/**
 * Period helpers for recurring rules. Periods are UTC calendar days: every process, whatever
 * its time zone, must compute the same period key for the same instant.
 */

/** 00:00 UTC of the day `at` falls in. */
export const floorUtcDay = (at: Date): Date => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

/** `at` itself if it is 00:00 UTC, else 00:00 UTC of the next day. */
export const ceilUtcDay = (at: Date): Date => new Date(Math.ceil(at.getTime() / DAY_MS) * DAY_MS);

/** "2026-01-05": the period key of a daily rule. */
export const utcDateKey = (at: Date): string => at.toISOString().slice(0, 10);
