import { oneOf, optionalString } from "@/platform/url-search";

/** Period presets, in days ending today (UTC). */
export const PERIOD_PRESETS = ["7", "30", "90"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PRESET: PeriodPreset = "30";
/** The API's limit on a period. */
export const MAX_PERIOD_DAYS = 366;

/**
 * The report's period in the URL, shareable by link: `/reports?days=90`, or a custom range
 * `/reports?from=2025-12-01&to=2025-12-31` (UTC days, both inclusive). Custom wins over days.
 */
export interface ReportsSearch {
  days?: PeriodPreset;
  from?: string;
  to?: string;
  /** The health overview's filters (S1): one segment, a person in any seat of the account team. */
  healthSegment?: string;
  healthOwner?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string | undefined): v is string => v !== undefined && ISO_DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

export function validateReportsSearch(raw: Record<string, unknown>): ReportsSearch {
  const out: ReportsSearch = {};
  const days = oneOf(typeof raw.days === "number" ? String(raw.days) : raw.days, PERIOD_PRESETS);
  if (days) out.days = days;
  const from = optionalString(raw.from);
  const to = optionalString(raw.to);
  // Both or neither: a half range would silently mean something else.
  if (isDay(from) && isDay(to)) {
    out.from = from;
    out.to = to;
  }
  const healthSegment = optionalString(raw.healthSegment)?.slice(0, 100);
  if (healthSegment) out.healthSegment = healthSegment;
  const healthOwner = optionalString(raw.healthOwner);
  if (healthOwner && UUID.test(healthOwner)) out.healthOwner = healthOwner;
  return out;
}

const DAY_MS = 86_400_000;
export const dayKey = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The period to ask the API for: the custom range, or the preset's days ending today (server clock). */
export function resolvePeriod(search: ReportsSearch, nowMs: number): { from: string; to: string; custom: boolean } {
  if (search.from && search.to) return { from: search.from, to: search.to, custom: true };
  const days = Number(search.days ?? DEFAULT_PRESET);
  const to = dayKey(nowMs);
  return { from: dayKey(dayMs(to) - (days - 1) * DAY_MS), to, custom: false };
}

/** Client-side check with the API's rules, so the form says what is wrong before asking. */
export function periodProblem(from: string, to: string): { field: "from" | "to"; message: string } | null {
  if (!isDay(from)) return { field: "from", message: "Pick a start day" };
  if (!isDay(to)) return { field: "to", message: "Pick an end day" };
  const days = Math.round((dayMs(to) - dayMs(from)) / DAY_MS) + 1;
  if (days < 1) return { field: "to", message: "Must be on or after the start day" };
  if (days > MAX_PERIOD_DAYS) return { field: "to", message: `At most ${MAX_PERIOD_DAYS} days (this is ${days})` };
  return null;
}
