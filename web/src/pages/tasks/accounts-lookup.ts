import { queryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";

/** What the task views need to name an account (a subset of the server's AccountDetail / AccountListItem). */
export interface AccountRef {
  id: string;
  name: string;
  domain?: string | null;
}

/** Same key as the account page's detail query: both hold the GET /accounts/:id answer. */
export function accountNameQuery(id: string) {
  return queryOptions({
    queryKey: ["accounts", "detail", id],
    queryFn: ({ signal }) => api<AccountRef>(`/accounts/${encodeURIComponent(id)}`, { signal }),
    staleTime: 60_000,
  });
}

/** Accounts whose name or domain matches what is typed (first 20). */
export function accountSearchQuery(q: string) {
  return queryOptions({
    queryKey: ["accounts", "lookup", q],
    queryFn: ({ signal }) => api<{ items: AccountRef[] }>("/accounts", { query: { q: q || undefined, limit: 20, sort: "name" }, signal }),
    staleTime: 30_000,
  });
}
