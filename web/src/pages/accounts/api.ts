import { keepPreviousData, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, buildUrl, type QueryValue } from "@/platform/api";

/**
 * The account book's API (docs/accounts.md, the issue 5 contract). Dates are 'YYYY-MM-DD',
 * times ISO. The server decides every rule; these types only describe its answers.
 */

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export const DEPLOYMENTS = [
  { value: "cloud_managed", label: "Managed cloud" },
  { value: "self_hosted", label: "Self-hosted" },
] as const;
export type Deployment = (typeof DEPLOYMENTS)[number]["value"];

export interface ListUsage {
  mau: number | null;
  mauPerSeat: number | null;
  dauPerMau: number | null;
}

export interface AccountListItem {
  id: string;
  name: string;
  domain: string | null;
  accountType: string;
  customer: boolean;
  strategic: boolean;
  segment: string | null;
  coverage: string | null;
  stage: string | null;
  stageOverridden: boolean;
  arr: number | null;
  seats: number | null;
  developers: number | null;
  expectedCloseDate: string | null;
  closedOn: string | null;
  /** Contract end = the renewal date. */
  contractEnd: string | null;
  deployment: Deployment | string | null;
  inBook: boolean;
  ae: PersonRef | null;
  ce: PersonRef | null;
  ta: PersonRef | null;
  usage: ListUsage | null;
  /** S1: the current health score and band (null until first computed). */
  health: AccountHealthSummary | null;
  openTasks: number;
  updatedAt: string;
}

export interface AccountHealthSummary {
  score: number | null;
  band: string | null;
  missingData: boolean;
  at: string;
}

export interface AccountInstance {
  id: string;
  slug: string;
  name: string;
  kind: string;
  status: string;
  url: string | null;
  seats: number | null;
}

export interface EngagementPlan {
  checkInCadence: string;
  trainings: { name: string; dueOn: string }[];
  onboardingHelp: string;
  recordedAt: string;
  recordedBy: string;
}

export interface StageOverride {
  stage: string;
  reason: string | null;
  /** Who set it (a name). */
  by: string | null;
  at: string | null;
}

export interface AccountDetail extends Omit<AccountListItem, "usage"> {
  domains: string[];
  crmId: string | null;
  contractStart: string | null;
  taSupportLevel: string | null;
  taSupportLevelAt: string | null;
  inBookAt: string | null;
  segmentReason: string | null;
  stageReason: string | null;
  stageSince: string | null;
  stageOverride: StageOverride | null;
  targetsMetAt: string | null;
  onboardingTargetMissedAt: string | null;
  tpm: PersonRef | null;
  ie: PersonRef | null;
  taAssignedAt: string | null;
  engagementPlan: EngagementPlan | null;
  kickoffOn: string | null;
  productionSubscriptionId: string | null;
  instances: AccountInstance[];
  usage: { mau: number | null; dauAvg: number | null; mauPerSeat: number | null; dauPerMau: number | null; at: string | null } | null;
  contactsCount: number;
  untaggedContacts: boolean;
  createdAt: string;
}

export interface StageHistoryEntry {
  at: string;
  fromStage: string | null;
  toStage: string;
  reason: string;
  manual: boolean;
  actor: string;
}

export interface Contact {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  title: string | null;
  roles: string[];
  taggedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SavedView {
  id: string;
  page: string;
  name: string;
  query: Record<string, unknown>;
  shared: boolean;
  mine: boolean;
  createdAt: string;
}

export interface ImportRowError {
  /** 1-based data row (the header is row 0). */
  row: number;
  field: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  errors: ImportRowError[];
}

/** The list's filters and order as the API takes them (the URL holds the same names). */
export interface AccountFilters {
  q?: string | undefined;
  segment?: string | undefined;
  stage?: string | undefined;
  type?: string | undefined;
  owner?: string | undefined;
  inBook?: "true" | "false" | undefined;
  renewalFrom?: string | undefined;
  renewalTo?: string | undefined;
  arrMin?: string | undefined;
  arrMax?: string | undefined;
  usage?: UsageBand | undefined;
  /** S1 bands, comma-separated: green, yellow, red, unscored. */
  healthBand?: string | undefined;
  missingData?: "true" | "false" | undefined;
  sort?: AccountSort | undefined;
  dir?: "asc" | "desc" | undefined;
}

export const USAGE_BANDS = [
  { value: "under50", label: "MAU/seats under 50%" },
  { value: "50to80", label: "MAU/seats 50–80%" },
  { value: "over80", label: "MAU/seats 80% and over" },
  { value: "none", label: "No usage data" },
] as const;
export type UsageBand = (typeof USAGE_BANDS)[number]["value"];

export const ACCOUNT_SORTS = ["name", "arr", "renewal", "close", "stage", "segment", "usage", "updated", "health"] as const;

/** The list's health band filter (several at once). */
export const HEALTH_BAND_FILTERS = [
  { value: "green", label: "Green" },
  { value: "yellow", label: "Yellow" },
  { value: "red", label: "Red" },
  { value: "unscored", label: "Unscored" },
] as const;
export type HealthBandFilter = (typeof HEALTH_BAND_FILTERS)[number]["value"];
export const healthBandLabel = (v: string): string => HEALTH_BAND_FILTERS.find((b) => b.value === v)?.label ?? v;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

export interface AccountListPage {
  items: AccountListItem[];
  total: number;
  /** False when total is the planner's estimate (more than 10,000 matches). */
  totalExact: boolean;
  limit: number;
  offset: number;
}

/** Create: every field but the name optional. Patch: the same, partial, null clears. */
export interface AccountInput {
  name: string;
  domains: string[];
  crmId: string | null;
  accountType: string | null;
  strategic: boolean;
  expectedCloseDate: string | null;
  arr: number | null;
  seats: number | null;
  developers: number | null;
  contractStart: string | null;
  contractEnd: string | null;
  deployment: Deployment | null;
  aeUserId: string | null;
  ceUserId: string | null;
  tpmUserId: string | null;
  ieUserId: string | null;
}

export interface ContactInput {
  name: string;
  email: string | null;
  title: string | null;
  roles: string[];
}

export interface CloseInput {
  closedOn: string;
  contractStart: string;
  contractEnd: string;
  arr: number;
  seats: number;
  deployment: Deployment;
  adminEmail?: string;
  licenseTags?: string[];
}

export interface KickoffInput {
  kickoffOn: string;
  checkInCadence: string;
  trainings?: { name: string; dueOn?: string }[];
  onboardingHelp?: string;
}

export const PAGE_SIZE = 50;

export const accountKeys = {
  all: ["accounts"] as const,
  lists: () => ["accounts", "list"] as const,
  list: (f: AccountFilters, offset: number) => ["accounts", "list", { ...f }, offset] as const,
  detail: (id: string) => ["accounts", "detail", id] as const,
  stageHistory: (id: string) => ["accounts", "stage-history", id] as const,
  contacts: (id: string) => ["accounts", "contacts", id] as const,
  savedViews: () => ["saved-views", "accounts"] as const,
};

const path = (id: string): string => `/accounts/${encodeURIComponent(id)}`;

function filterQuery(f: AccountFilters): Record<string, QueryValue> {
  return {
    q: f.q,
    segment: f.segment,
    stage: f.stage,
    type: f.type,
    owner: f.owner,
    inBook: f.inBook,
    renewalFrom: f.renewalFrom,
    renewalTo: f.renewalTo,
    arrMin: f.arrMin,
    arrMax: f.arrMax,
    usage: f.usage,
    healthBand: f.healthBand,
    missingData: f.missingData,
    sort: f.sort,
    dir: f.dir,
  };
}

export function accountListQuery(filters: AccountFilters, offset: number) {
  return queryOptions({
    queryKey: accountKeys.list(filters, offset),
    queryFn: ({ signal }) => api<AccountListPage>("/accounts", { query: { ...filterQuery(filters), limit: PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export with the list's filters (all rows, no paging); a plain link, the session cookie authenticates it. */
export function exportCsvUrl(filters: AccountFilters): string {
  return buildUrl("/accounts/export.csv", filterQuery(filters));
}

export function accountQuery(id: string) {
  return queryOptions({ queryKey: accountKeys.detail(id), queryFn: ({ signal }) => api<AccountDetail>(path(id), { signal }) });
}

export function stageHistoryQuery(id: string) {
  return queryOptions({
    queryKey: accountKeys.stageHistory(id),
    queryFn: ({ signal }) => api<{ items: StageHistoryEntry[] }>(`${path(id)}/stage-history`, { signal }),
  });
}

export function contactsQuery(id: string) {
  return queryOptions({ queryKey: accountKeys.contacts(id), queryFn: ({ signal }) => api<{ items: Contact[] }>(`${path(id)}/contacts`, { signal }) });
}

export const savedViewsQuery = queryOptions({
  queryKey: accountKeys.savedViews(),
  queryFn: ({ signal }) => api<{ items: SavedView[] }>("/saved-views", { query: { page: "accounts" }, signal }),
  staleTime: 60_000,
});

export function createAccount(input: Partial<AccountInput> & { name: string }): Promise<AccountDetail> {
  return api<AccountDetail>("/accounts", { method: "POST", body: input });
}

export function updateAccount(id: string, patch: Partial<AccountInput>): Promise<AccountDetail> {
  return api<AccountDetail>(path(id), { method: "PATCH", body: patch });
}

export function importAccounts(csv: string, dryRun: boolean): Promise<ImportResult> {
  return api<ImportResult>("/accounts/import", { method: "POST", body: { csv, dryRun } });
}

export function mapInstance(id: string, instanceId: string): Promise<AccountDetail> {
  return api<AccountDetail>(`${path(id)}/instances`, { method: "POST", body: { instanceId } });
}

export function createContact(accountId: string, input: ContactInput): Promise<Contact> {
  const body = { name: input.name, roles: input.roles, ...(input.email ? { email: input.email } : {}), ...(input.title ? { title: input.title } : {}) };
  return api<Contact>(`${path(accountId)}/contacts`, { method: "POST", body });
}

export function updateContact(id: string, patch: Partial<ContactInput>): Promise<Contact> {
  return api<Contact>(`/contacts/${encodeURIComponent(id)}`, { method: "PATCH", body: patch });
}

export function deleteContact(id: string): Promise<void> {
  return api<void>(`/contacts/${encodeURIComponent(id)}`, { method: "DELETE" });
}

export function createSavedView(input: { name: string; query: Record<string, string>; shared: boolean }): Promise<SavedView> {
  return api<SavedView>("/saved-views", { method: "POST", body: { page: "accounts", ...input } });
}

export function deleteSavedView(id: string): Promise<void> {
  return api<void>(`/saved-views/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/** H1: the TA support level puts the account in the book and segments it. */
export function setSupportLevel(id: string, level: string): Promise<AccountDetail> {
  return api<AccountDetail>(`${path(id)}/support-level`, { method: "POST", body: { level } });
}

/** H3: the TA is emailed. */
export function assignTa(id: string, taUserId: string): Promise<AccountDetail> {
  return api<AccountDetail>(`${path(id)}/ta`, { method: "POST", body: { taUserId } });
}

/** H5: customer, production subscription and license, managed-cloud instance request, stage Onboarding. */
export function recordClose(id: string, input: CloseInput): Promise<AccountDetail> {
  return api<AccountDetail>(`${path(id)}/close`, { method: "POST", body: input });
}

/** H6: the engagement plan and its tasks. */
export function recordKickoff(id: string, input: KickoffInput): Promise<AccountDetail> {
  return api<AccountDetail>(`${path(id)}/kickoff`, { method: "POST", body: input });
}

export function overrideStage(id: string, stage: string, reason: string): Promise<AccountDetail> {
  return api<AccountDetail>(`${path(id)}/stage-override`, { method: "POST", body: { stage, reason } });
}

export function clearStageOverride(id: string): Promise<AccountDetail> {
  return api<AccountDetail>(`${path(id)}/stage-override`, { method: "DELETE" });
}

/**
 * After a change to an account: the page shows the answer at once; lists, history, contacts,
 * the account's tasks and docs (rules create some) and its timeline refetch.
 */
export async function applyAccountChange(queryClient: QueryClient, id: string, updated?: AccountDetail): Promise<void> {
  if (updated) queryClient.setQueryData(accountKeys.detail(id), updated);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: accountKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["tasks"] }),
    queryClient.invalidateQueries({ queryKey: ["docs"] }),
    queryClient.invalidateQueries({ queryKey: ["timeline", "account", id] }),
  ]);
}

/** Who may do what: mirrors src/platform/http/authorization.ts (the server still decides; a 403 shows as such). */
const ACCOUNT_WRITE = ["admin", "ae", "ce", "ta", "sales_ops"];
const TA_LEADERSHIP = ["admin", "leadership"];
export const accountRoles = {
  edit: new Set(ACCOUNT_WRITE),
  importCsv: new Set(["admin", "sales_ops"]),
  mapInstance: new Set(["admin", "ae", "ta", "sales_ops", "growth", "cloud_ops"]),
  supportLevel: new Set(TA_LEADERSHIP),
  assignTa: new Set(TA_LEADERSHIP),
  close: new Set(["admin", "ae", "ta", "sales_ops"]),
  kickoff: new Set(["admin", "ta"]),
  overrideStage: new Set([...TA_LEADERSHIP, "ta"]),
};

export function deploymentLabel(value: string | null | undefined): string {
  if (!value) return "—";
  return DEPLOYMENTS.find((d) => d.value === value)?.label ?? value;
}

export function usageBandLabel(value: string): string {
  return USAGE_BANDS.find((b) => b.value === value)?.label ?? value;
}
