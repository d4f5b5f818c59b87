import { keepPreviousData, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { Person } from "@/pages/renewals/api";

/**
 * The Lighthouse save program (R2, X) as the server serves it (docs/renewals.md): entered from
 * a yellow or red renewal rating or ad hoc, weekly updates, leadership exits it once the
 * success criteria are met.
 */

export const LIGHTHOUSE_STATUSES = ["active", "exited"] as const;
export type LighthouseStatus = (typeof LIGHTHOUSE_STATUSES)[number];
export const LIGHTHOUSE_FILTERS = [...LIGHTHOUSE_STATUSES, "all"] as const;
export type LighthouseFilter = (typeof LIGHTHOUSE_FILTERS)[number];

export interface LighthouseItem {
  id: string;
  account: { id: string; name: string; arr: number | null; renewalDate: string | null; healthBand: string | null };
  status: LighthouseStatus | string;
  entryReason: string;
  enteredAt: string;
  enteredBy: string;
  renewalId: string | null;
  execSponsor: Person | null;
  savePlan: string;
  successCriteria: string;
  lastUpdateAt: string | null;
  updatesCount: number;
  weeksIn: number;
  exitedAt: string | null;
  exitedBy: string | null;
  exitNote: string | null;
}

export interface LighthouseUpdate {
  id: string;
  author: Person | null;
  authorLabel: string;
  body: string;
  createdAt: string;
}

export interface LighthouseDetail extends LighthouseItem {
  /** Newest first. */
  updates: LighthouseUpdate[];
}

export interface LighthousePatch {
  savePlan?: string;
  successCriteria?: string;
  execSponsorUserId?: string | null;
}

export const lighthouseKeys = {
  all: ["lighthouse"] as const,
  list: (status: LighthouseFilter) => ["lighthouse", "list", status] as const,
  detail: (id: string) => ["lighthouse", "detail", id] as const,
};

const path = (id: string): string => `/lighthouse/${encodeURIComponent(id)}`;

export function lighthouseListQuery(status: LighthouseFilter) {
  return queryOptions({
    queryKey: lighthouseKeys.list(status),
    queryFn: ({ signal }) => api<{ items: LighthouseItem[]; total: number }>("/lighthouse", { query: { status, limit: 200 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function lighthouseQuery(id: string) {
  return queryOptions({ queryKey: lighthouseKeys.detail(id), queryFn: ({ signal }) => api<LighthouseDetail>(path(id), { signal }) });
}

export function enterLighthouse(accountId: string, reason: string): Promise<LighthouseDetail> {
  return api<LighthouseDetail>(`/accounts/${encodeURIComponent(accountId)}/lighthouse`, { method: "POST", body: { reason } });
}

export function updateLighthouse(id: string, patch: LighthousePatch): Promise<LighthouseDetail> {
  return api<LighthouseDetail>(path(id), { method: "PATCH", body: patch });
}

export function addLighthouseUpdate(id: string, body: string): Promise<LighthouseUpdate> {
  return api<LighthouseUpdate>(`${path(id)}/updates`, { method: "POST", body: { body } });
}

export function exitLighthouse(id: string, note: string): Promise<LighthouseDetail> {
  return api<LighthouseDetail>(`${path(id)}/exit`, { method: "POST", body: { note } });
}

/** After a Lighthouse write: the program, the lists, renewals (their marker), tasks and the account's timeline refetch. */
export async function applyLighthouseChange(queryClient: QueryClient, accountId: string, program?: LighthouseDetail): Promise<void> {
  if (program) queryClient.setQueryData(lighthouseKeys.detail(program.id), program);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: lighthouseKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["renewals"] }),
    queryClient.invalidateQueries({ queryKey: ["tasks"] }),
    queryClient.invalidateQueries({ queryKey: ["timeline", "account", accountId] }),
  ]);
}

/** Who may do what: mirrors src/platform/http/authorization.ts (the server still decides). */
export const lighthouseRoles = {
  enter: new Set(["admin", "ae", "ta", "leadership"]),
  edit: new Set(["admin", "ae", "ta", "leadership"]),
  postUpdate: new Set(["admin", "ae", "ta", "ce"]),
  exit: new Set(["admin", "leadership"]),
};
