/** How the account book shows its numbers and days. */

const money = new Intl.NumberFormat("en", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const compactMoney = new Intl.NumberFormat("en", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });

const missing = (n: number | null | undefined): n is null | undefined => n === null || n === undefined || !Number.isFinite(n);

/** "$120,000", or "—". */
export function formatArr(n: number | null | undefined): string {
  return missing(n) ? "—" : money.format(n);
}

/** "$120K" for dense tables; the exact amount goes in the title. */
export function formatArrShort(n: number | null | undefined): string {
  return missing(n) ? "—" : compactMoney.format(n);
}

export function formatInt(n: number | null | undefined): string {
  return missing(n) ? "—" : integer.format(n);
}

/** "45%" for 0.45. */
export function formatShare(n: number | null | undefined): string {
  return missing(n) ? "—" : `${integer.format(n * 100)}%`;
}

const dayFormat = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/** "Mar 4, 2027" for a 'YYYY-MM-DD' day (no time zone: it is a calendar day), or "—". */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "—";
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(at) ? dayFormat.format(at) : day;
}

/** Whole days from `fromMs` to a calendar day (negative once past). */
export function daysUntil(day: string, fromMs: number): number {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Math.round((at - fromMs) / 86_400_000);
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(day: string, n: number): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(at)) return "";
  return new Date(at + n * 86_400_000).toISOString().slice(0, 10);
}

/** "Ada Lovelace, Alan Turing"-style list of words split by spaces, commas or semicolons. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((t) => t.trim()).filter(Boolean))];
}
