import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { HealthView } from "@/pages/health/api";

/** S3 red-accounts tracker as the server serves it (docs/red-accounts.md). */

export const RED_STATUSES = ["open", "resolved", "all"] as const;
export type RedStatus = (typeof RED_STATUSES)[number];
export type RedTrigger = "score" | "manual";

export interface PersonRef {
  id: string;
  name: string;
}

export interface RedAccountItem {
  id: string;
  account: {
    id: string;
    name: string;
    segment: string | null;
    arr: number | null;
    renewalDate: string | null;
    aeUser: PersonRef | null;
    ceUser: PersonRef | null;
    taUser: PersonRef | null;
  };
  trigger: RedTrigger;
  reason: string;
  scoreAtOpen: number | null;
  band: "green" | "yellow" | "red" | null;
  score: number | null;
  openedAt: string;
  openedBy: string;
  daysOpen: number;
  currentState: string;
  businessNeeds: string;
  actions: { open: number; overdue: number; total: number };
  lastCommentAt: string | null;
  updatedAt: string;
  updatedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export interface RedAction {
  id: string;
  title: string;
  owner: PersonRef | null;
  dueOn: string | null;
  doneAt: string | null;
  doneBy: string | null;
  createdAt: string;
  createdBy: string;
}

export interface RedComment {
  id: string;
  author: PersonRef | null;
  authorLabel: string;
  body: string;
  createdAt: string;
}

export interface RedAccountDetail extends Omit<RedAccountItem, "actions"> {
  actionCounts: RedAccountItem["actions"];
  actions: RedAction[];
  comments: RedComment[];
}

export interface RedListFilters {
  status: RedStatus;
  owner?: string | undefined;
  accountId?: string | undefined;
  limit: number;
  offset: number;
}

export const PAGE_SIZE = 50;
export const TEXT_MAX = 10_000;
export const TITLE_MAX = 200;
export const REASON_MAX = 2000;

export const redKeys = {
  all: ["red-accounts"] as const,
  list: (f: RedListFilters) => ["red-accounts", "list", f] as const,
  detail: (id: string) => ["red-accounts", "detail", id] as const,
};

export function redListQuery(f: RedListFilters) {
  return queryOptions({
    queryKey: redKeys.list(f),
    queryFn: ({ signal }) => api<{ items: RedAccountItem[]; total: number }>("/red-accounts", { query: { ...f }, signal }),
  });
}

export function redAccountQuery(id: string) {
  return queryOptions({ queryKey: redKeys.detail(id), queryFn: ({ signal }) => api<RedAccountDetail>(`/red-accounts/${encodeURIComponent(id)}`, { signal }) });
}

/** The account's open tracker, if any (the account page links to it). */
export function openTrackerQuery(accountId: string) {
  return redListQuery({ status: "open", accountId, limit: 1, offset: 0 });
}

const trackerPath = (id: string) => `/red-accounts/${encodeURIComponent(id)}`;

export function updateTracker(id: string, body: { currentState?: string; businessNeeds?: string }): Promise<RedAccountDetail> {
  return api<RedAccountDetail>(trackerPath(id), { method: "PATCH", body });
}

export function addAction(id: string, body: { title: string; ownerUserId?: string | null; dueOn?: string | null }): Promise<RedAction> {
  return api<RedAction>(`${trackerPath(id)}/actions`, { method: "POST", body });
}

export function updateAction(id: string, actionId: string, body: { title?: string; ownerUserId?: string | null; dueOn?: string | null; done?: boolean }): Promise<RedAction> {
  return api<RedAction>(`${trackerPath(id)}/actions/${encodeURIComponent(actionId)}`, { method: "PATCH", body });
}

export function addComment(id: string, body: string): Promise<RedComment> {
  return api<RedComment>(`${trackerPath(id)}/comments`, { method: "POST", body: { body } });
}

export function setRedFlag(accountId: string, reason: string): Promise<HealthView> {
  return api<HealthView>(`/accounts/${encodeURIComponent(accountId)}/health/red-flag`, { method: "PUT", body: { reason } });
}

export function clearRedFlag(accountId: string, reason: string): Promise<HealthView> {
  return api<HealthView>(`/accounts/${encodeURIComponent(accountId)}/health/red-flag`, { method: "DELETE", body: { reason } });
}

/** After any tracker write: the tracker, the list and the account's timeline refetch. */
export async function afterTrackerWrite(queryClient: QueryClient, accountId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: redKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["timeline", "account", accountId] }),
  ]);
}

/** Who may do what: mirrors src/platform/http/authorization.ts (the server still decides). */
export const redRoles = {
  write: new Set(["admin", "ae", "ce", "ta"]),
  comment: new Set(["admin", "ae", "ce", "ta", "leadership"]),
};

export const triggerLabel = (t: RedTrigger): string => (t === "manual" ? "Marked red" : "By score");
