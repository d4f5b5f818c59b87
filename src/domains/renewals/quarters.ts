import { addDays, dayStartMs } from "../usage/days.js";

/** Calendar quarters and weeks of the renewal forecast (R4). Days are 'YYYY-MM-DD' (UTC). */

/** "2026-Q4" for a day in October–December 2026. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

export const isQuarter = (q: string): boolean => QUARTER.test(q);

/** First and last day of a quarter ("2026-Q4" → 2026-10-01 … 2026-12-31). */
export function quarterRange(quarter: string): { start: string; end: string } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, "0")}-01`;
  return { start, end: addDays(next, -1) };
}

/** `count` quarters from the one `day` falls in, in order. */
export function quartersFrom(day: string, count: number): string[] {
  const out: string[] = [];
  let start = quarterRange(quarterOf(day)).start;
  for (let i = 0; i < count; i += 1) {
    const q = quarterOf(start);
    out.push(q);
    start = addDays(quarterRange(q).end, 1);
  }
  return out;
}

/** The Monday of the ISO week `day` falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(dayStartMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}
