import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, isApiError } from "@/platform/api";
import { timelineKeys } from "@/platform/timeline";

/** The server's Doc (docs/tasks-and-docs.md): sanitised HTML, a version that grows by one per saved change. */
export interface Doc {
  id: string;
  accountId: string;
  accountName: string;
  title: string;
  /** Sanitised HTML (headings, lists, emphasis, links, quotes, code, tables). */
  body: string;
  /** The pack template it was made from ("handoff"), or null for a blank doc. */
  template: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface DocListItem {
  id: string;
  title: string;
  template: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface DocTemplate {
  key: string;
  title: string;
}

export interface DocVersionItem {
  version: number;
  title: string;
  editedBy: string;
  editedAt: string;
}

export interface DocVersion extends DocVersionItem {
  body: string;
}

/** What a 409 on save says: someone saved another version since this edit began. */
export interface SaveConflict {
  currentVersion: number;
  updatedBy: string;
}

export const docKeys = {
  all: ["docs"] as const,
  account: (accountId: string) => ["docs", "account", accountId] as const,
  detail: (id: string) => ["docs", "detail", id] as const,
  versions: (id: string) => ["docs", "versions", id] as const,
  version: (id: string, version: number) => ["docs", "version", id, version] as const,
  templates: () => ["docs", "templates"] as const,
};

const path = (id: string): string => `/docs/${encodeURIComponent(id)}`;
const accountPath = (accountId: string): string => `/accounts/${encodeURIComponent(accountId)}/docs`;

export const docTemplatesQuery = queryOptions({
  queryKey: docKeys.templates(),
  queryFn: ({ signal }) => api<{ items: DocTemplate[] }>("/doc-templates", { signal }),
  staleTime: 5 * 60_000,
});

export function accountDocsQuery(accountId: string) {
  return queryOptions({
    queryKey: docKeys.account(accountId),
    queryFn: ({ signal }) => api<{ items: DocListItem[] }>(accountPath(accountId), { signal }),
  });
}

export function docQuery(id: string) {
  return queryOptions({
    queryKey: docKeys.detail(id),
    queryFn: ({ signal }) => api<Doc>(path(id), { signal }),
    // The editor keeps its own copy; a refetch only tells it that someone saved a newer version.
    staleTime: 0,
  });
}

export function docVersionsQuery(id: string) {
  return queryOptions({
    queryKey: docKeys.versions(id),
    queryFn: ({ signal }) => api<{ items: DocVersionItem[] }>(`${path(id)}/versions`, { signal }),
  });
}

export function docVersionQuery(id: string, version: number) {
  return queryOptions({
    queryKey: docKeys.version(id, version),
    queryFn: ({ signal }) => api<DocVersion>(`${path(id)}/versions/${version}`, { signal }),
    staleTime: Infinity,
  });
}

export function createDoc(accountId: string, from: { template: string } | { title: string }): Promise<Doc> {
  return api<Doc>(accountPath(accountId), { method: "POST", body: from });
}

export function saveDoc(id: string, body: { title: string; body: string; baseVersion: number }): Promise<Doc> {
  return api<Doc>(path(id), { method: "PUT", body });
}

/** The conflict details of a 409 on save, or null for any other failure. */
export function saveConflict(error: unknown): SaveConflict | null {
  if (!isApiError(error) || error.status !== 409) return null;
  const details = (error.details ?? {}) as { currentVersion?: unknown; updatedBy?: unknown };
  return {
    currentVersion: typeof details.currentVersion === "number" ? details.currentVersion : 0,
    updatedBy: typeof details.updatedBy === "string" ? details.updatedBy : "someone",
  };
}

/** After a save: the doc, its versions, the account's doc list and its timeline show the new version. */
export async function refreshDoc(queryClient: QueryClient, doc: Pick<Doc, "id" | "accountId">): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: docKeys.versions(doc.id) }),
    queryClient.invalidateQueries({ queryKey: docKeys.account(doc.accountId) }),
    queryClient.invalidateQueries({ queryKey: timelineKeys.subject("account", doc.accountId) }),
  ]);
}

/** Roles the server lets create and edit docs (the account writers, src/platform/http/authorization.ts). */
export const DOC_WRITERS: ReadonlySet<string> = new Set(["admin", "ae", "ce", "ta", "sales_ops"]);
