import { keepPreviousData, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { AccountsPack } from "@/pages/accounts/pack";

/**
 * Renewals (R1–R5) as the server serves them (docs/renewals.md, the renewals contract). The
 * server decides every rule (what is at risk, what the forecast counts); these types only
 * describe its answers.
 */

export interface Person {
  id: string;
  name: string;
}

export const RATINGS = ["green", "yellow", "red"] as const;
export type Rating = (typeof RATINGS)[number];
/** The list's rating filter also finds cycles nobody has rated yet. */
export const RATING_FILTERS = [...RATINGS, "unrated"] as const;
export type RatingFilter = (typeof RATING_FILTERS)[number];
export const REVIEW_DECISIONS = ["approved", "changes_requested"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const OUTCOMES = ["full_churn", "partial_churn", "flat", "incremental"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const RENEWAL_STATUSES = ["open", "processed"] as const;
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];
export const STATUS_FILTERS = ["open", "processed", "all"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface RenewalListItem {
  id: string;
  account: {
    id: string;
    name: string;
    segment: string | null;
    taUser: Person | null;
    aeUser: Person | null;
    healthBand: string | null;
    healthScore: number | null;
  };
  /** 'YYYY-MM-DD'. */
  renewalDate: string;
  daysToRenewal: number;
  /** "2026-Q4". */
  quarter: string;
  status: RenewalStatus | string;
  arrAtOpen: number | null;
  currentArr: number | null;
  rating: Rating | null;
  reviewDecision: ReviewDecision | null;
  projectedOutcome: Outcome | null;
  projectedArr: number | null;
  expectedArr: number | null;
  arrAtRisk: number | null;
  lighthouse: { id: string; status: string } | null;
  assessmentDocId: string | null;
  openedAt: string;
}

export interface RenewalHistoryEntry {
  at: string;
  summary: string;
  actorLabel: string;
}

export interface RenewalDetail extends RenewalListItem {
  ratingNote: string | null;
  ratedBy: string | null;
  ratedAt: string | null;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  projectionNote: string | null;
  projectedBy: string | null;
  projectedAt: string | null;
  outcome: Outcome | null;
  renewedArr: number | null;
  nextContractStart: string | null;
  nextContractEnd: string | null;
  processNote: string | null;
  processedBy: string | null;
  processedAt: string | null;
  assessmentTaskId: string | null;
  outcomeLabels: Record<Outcome, string>;
  timeline: RenewalHistoryEntry[];
}

export interface ForecastNumbers {
  renewals: number;
  arrUp: number;
  arrAtRisk: number;
  expectedArr: number;
}

export interface ForecastQuarter extends ForecastNumbers {
  quarter: string;
  byRating: Record<Rating | "unrated", number>;
  byOutcome: Record<Outcome | "none", number>;
  /** The same numbers in last week's snapshot (R4), or null before the first snapshot. */
  lastWeek: ForecastNumbers | null;
}

export interface RenewalChange {
  renewalId: string;
  account: { id: string; name: string };
  at: string;
  summary: string;
  actorLabel: string;
}

export interface RenewalForecast {
  asOf: string;
  quarters: ForecastQuarter[];
  changesThisWeek: RenewalChange[];
}

export interface RenewalFilters {
  quarter?: string | undefined;
  status?: StatusFilter | undefined;
  rating?: RatingFilter | undefined;
  ownerUserId?: string | undefined;
}

export interface RenewalListPage {
  items: RenewalListItem[];
  total: number;
}

export interface RatingInput {
  rating: Rating;
  note?: string;
}

export interface ReviewInput {
  decision: ReviewDecision;
  note?: string;
}

export interface ProjectionInput {
  outcome: Outcome;
  projectedArr: number;
  note?: string;
}

export interface ProcessInput {
  outcome: Outcome;
  renewedArr: number;
  contractStart?: string;
  contractEnd?: string;
  seats?: number;
  note?: string;
}

/** The pack's renewal settings (GET /meta/pack → renewals). */
export interface RenewalsPack {
  startDaysBeforeRenewal: number;
  assessmentDueDays: number;
  lighthouseRatings: Rating[];
  lighthouseUpdateEveryDays: number;
  churnRetroArrOver: number;
  outcomeLabels: Record<Outcome, string>;
}

/** The pack answer with its renewals section (absent from servers before renewals). */
export function renewalsPackOf(pack: AccountsPack | undefined): RenewalsPack | undefined {
  return (pack as (AccountsPack & { renewals?: RenewalsPack }) | undefined)?.renewals;
}

export const FORECAST_QUARTERS = 4;
export const PAGE_SIZE = 50;

export const renewalKeys = {
  all: ["renewals"] as const,
  forecast: (quarters: number) => ["renewals", "forecast", quarters] as const,
  list: (f: RenewalFilters, offset: number) => ["renewals", "list", { ...f }, offset] as const,
  detail: (id: string) => ["renewals", "detail", id] as const,
  ofAccount: (accountId: string) => ["renewals", "account", accountId] as const,
};

const path = (id: string): string => `/renewals/${encodeURIComponent(id)}`;

export function forecastQuery(quarters = FORECAST_QUARTERS) {
  return queryOptions({
    queryKey: renewalKeys.forecast(quarters),
    queryFn: ({ signal }) => api<RenewalForecast>("/renewals/forecast", { query: { quarters }, signal }),
  });
}

export function renewalListQuery(filters: RenewalFilters, offset: number) {
  return queryOptions({
    queryKey: renewalKeys.list(filters, offset),
    queryFn: ({ signal }) =>
      api<RenewalListPage>("/renewals", {
        query: { quarter: filters.quarter, status: filters.status, rating: filters.rating, ownerUserId: filters.ownerUserId, limit: PAGE_SIZE, offset },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function renewalQuery(id: string) {
  return queryOptions({ queryKey: renewalKeys.detail(id), queryFn: ({ signal }) => api<RenewalDetail>(path(id), { signal }) });
}

export function accountRenewalsQuery(accountId: string) {
  return queryOptions({
    queryKey: renewalKeys.ofAccount(accountId),
    queryFn: ({ signal }) => api<{ items: RenewalListItem[] }>(`/accounts/${encodeURIComponent(accountId)}/renewals`, { signal }),
  });
}

export function rateRenewal(id: string, input: RatingInput): Promise<RenewalDetail> {
  return api<RenewalDetail>(`${path(id)}/rating`, { method: "PUT", body: input });
}

export function reviewRenewal(id: string, input: ReviewInput): Promise<RenewalDetail> {
  return api<RenewalDetail>(`${path(id)}/review`, { method: "POST", body: input });
}

export function projectRenewal(id: string, input: ProjectionInput): Promise<RenewalDetail> {
  return api<RenewalDetail>(`${path(id)}/projection`, { method: "PUT", body: input });
}

export function processRenewal(id: string, input: ProcessInput): Promise<RenewalDetail> {
  return api<RenewalDetail>(`${path(id)}/process`, { method: "POST", body: input });
}

/**
 * After a renewal write: the page shows the answer at once; the lists, the forecast, the
 * account (processing changes its ARR, dates, type), Lighthouse (a rating may enter it),
 * tasks, docs and the account's timeline refetch.
 */
export async function applyRenewalChange(queryClient: QueryClient, renewal: RenewalDetail): Promise<void> {
  queryClient.setQueryData(renewalKeys.detail(renewal.id), renewal);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: renewalKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["lighthouse"] }),
    queryClient.invalidateQueries({ queryKey: ["accounts"] }),
    queryClient.invalidateQueries({ queryKey: ["tasks"] }),
    queryClient.invalidateQueries({ queryKey: ["docs"] }),
    queryClient.invalidateQueries({ queryKey: ["timeline", "account", renewal.account.id] }),
  ]);
}

/** Who may do what: mirrors src/platform/http/authorization.ts (the server still decides; a 403 shows as such). */
export const renewalRoles = {
  rate: new Set(["admin", "ta", "ae"]),
  review: new Set(["admin", "leadership"]),
  project: new Set(["admin", "ae"]),
  process: new Set(["admin", "ae", "sales_ops"]),
};

/** "Admins, TAs and AEs" for the "why is this disabled" line. */
export const ROLE_NAMES: Record<string, string> = {
  admin: "admins",
  ta: "TAs",
  ae: "AEs",
  ce: "CEs",
  sales_ops: "sales ops",
  leadership: "managers (leadership)",
};

export function rolesSentence(roles: ReadonlySet<string>): string {
  const names = [...roles].map((r) => ROLE_NAMES[r] ?? r);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1] ?? ""}`;
}

/** The quarter a day falls in: "2026-Q4". */
export function quarterOf(day: string): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  return `${year}-Q${Math.floor((Math.max(1, month) - 1) / 3) + 1}`;
}

/** "2026-Q4" → "Q4 2026". */
export function quarterLabel(quarter: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return m ? `Q${m[2]} ${m[1]}` : quarter;
}

export const QUARTER = /^\d{4}-Q[1-4]$/;

export function outcomeLabel(labels: Partial<Record<Outcome, string>> | undefined, outcome: string | null): string {
  if (!outcome) return "—";
  return labels?.[outcome as Outcome] ?? outcome.replace(/_/g, " ");
}
