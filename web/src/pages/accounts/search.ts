import { oneOf, optionalString } from "@/platform/url-search";
import { ACCOUNT_SORTS, HEALTH_BAND_FILTERS, USAGE_BANDS, type AccountFilters } from "@/pages/accounts/api";

/**
 * The accounts list in the URL (`/accounts?stage=1.%20Onboarding&owner=<id>&sort=arr&dir=desc&page=2`),
 * so a view can be shared by link. Pack-named values (segment, stage, type) pass as text: the
 * server checks them against the pack in force.
 */
export interface AccountsSearch extends AccountFilters {
  /** 1-based page of PAGE_SIZE rows; absent = 1. */
  page?: number | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d{1,12}$/;

const text = (value: unknown, max = 200): string | undefined => optionalString(typeof value === "number" ? String(value) : value)?.slice(0, max);
const matching = (value: unknown, pattern: RegExp): string | undefined => {
  const v = text(value);
  return v && pattern.test(v) ? v : undefined;
};

/** Only the filters (no page): what a saved view stores and the export takes. */
export const FILTER_KEYS = ["q", "segment", "stage", "type", "owner", "inBook", "renewalFrom", "renewalTo", "arrMin", "arrMax", "usage", "healthBand", "missingData", "sort", "dir"] as const;

export function validateAccountsSearch(raw: Record<string, unknown>): AccountsSearch {
  const out: AccountsSearch = {};
  const set = <K extends keyof AccountsSearch>(key: K, value: AccountsSearch[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set("q", text(raw.q));
  set("segment", text(raw.segment, 100));
  set("stage", text(raw.stage, 100));
  set("type", text(raw.type, 100));
  set("owner", text(raw.owner, 100));
  set("inBook", oneOf(raw.inBook, ["true", "false"] as const));
  set("renewalFrom", matching(raw.renewalFrom, DAY));
  set("renewalTo", matching(raw.renewalTo, DAY));
  set("arrMin", matching(raw.arrMin, AMOUNT));
  set("arrMax", matching(raw.arrMax, AMOUNT));
  set("usage", oneOf(raw.usage, USAGE_BANDS.map((b) => b.value)));
  set("healthBand", healthBands(raw.healthBand));
  set("missingData", oneOf(raw.missingData, ["true", "false"] as const));
  set("sort", oneOf(raw.sort, ACCOUNT_SORTS));
  set("dir", oneOf(raw.dir, ["asc", "desc"] as const));
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page < 100_000) out.page = page;
  return out;
}

/** "red,yellow" → the known bands in a fixed order, or undefined when none is left. */
export function healthBands(value: unknown): string | undefined {
  const given = (text(value, 100) ?? "").split(",").map((b) => b.trim());
  const bands = HEALTH_BAND_FILTERS.map((b) => b.value).filter((b) => given.includes(b));
  return bands.length > 0 ? bands.join(",") : undefined;
}

/** The filters of a search, without the page. */
export function filtersOf(search: AccountsSearch): AccountFilters {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = search[key];
    if (v !== undefined) out[key] = v;
  }
  return validateAccountsSearch(out);
}

/** A saved view's query as a search (unknown keys and bad values dropped, as from a hand-typed URL). */
export function searchFromView(query: Record<string, unknown>): AccountsSearch {
  const { page: _page, ...filters } = validateAccountsSearch(query);
  return filters;
}

/** Two filter sets mean the same list (the current view is highlighted when they do). */
export function sameFilters(a: AccountFilters, b: AccountFilters): boolean {
  return FILTER_KEYS.every((k) => (a[k] ?? "") === (b[k] ?? ""));
}

/** One account: `/accounts/<id>?kind=account.stage_changed` (the timeline filter). */
export interface AccountSearch {
  kind?: string;
}

export function validateAccountSearch(raw: Record<string, unknown>): AccountSearch {
  const kind = optionalString(raw.kind);
  return kind ? { kind } : {};
}
