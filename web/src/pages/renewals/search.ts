import { oneOf, optionalString } from "@/platform/url-search";
import { QUARTER, RATING_FILTERS, STATUS_FILTERS, type RatingFilter, type StatusFilter } from "@/pages/renewals/api";
import { LIGHTHOUSE_FILTERS, type LighthouseFilter } from "@/pages/lighthouse/api";

/**
 * The renewals views in the URL, shareable by link:
 * `/renewals?quarter=2026-Q4&rating=red&owner=<id>&page=2` (the pipeline),
 * `/renewals/lighthouse?lighthouse=exited` (the Lighthouse tab).
 */
export interface RenewalsSearch {
  /** "2026-Q4", or "all"; absent: the current quarter. */
  quarter?: string;
  /** Absent: open cycles. */
  status?: StatusFilter;
  rating?: RatingFilter;
  /** A user id (the TA or AE of the account). */
  owner?: string;
  /** 1-based page; absent = 1. */
  page?: number;
  /** The Lighthouse tab's filter; absent: active programs. */
  lighthouse?: LighthouseFilter;
}

/** The pipeline list across every quarter. */
export const ALL_QUARTERS = "all";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function validateRenewalsSearch(raw: Record<string, unknown>): RenewalsSearch {
  const out: RenewalsSearch = {};
  const quarter = optionalString(raw.quarter);
  if (quarter && (QUARTER.test(quarter) || quarter === ALL_QUARTERS)) out.quarter = quarter;
  const status = oneOf(raw.status, STATUS_FILTERS);
  if (status) out.status = status;
  const rating = oneOf(raw.rating, RATING_FILTERS);
  if (rating) out.rating = rating;
  const owner = optionalString(raw.owner);
  if (owner && ID.test(owner)) out.owner = owner;
  const page = Number(raw.page);
  if (Number.isInteger(page) && page > 1 && page < 100_000) out.page = page;
  const lighthouse = oneOf(raw.lighthouse, LIGHTHOUSE_FILTERS);
  if (lighthouse) out.lighthouse = lighthouse;
  return out;
}
