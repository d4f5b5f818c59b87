import { queryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { AccessRequestStatus } from "@/pages/trials/search";

/** T3: someone asked for access to their company's existing instance. */
export interface AccessRequest {
  id: string;
  instance: { id: string; slug: string; url: string | null };
  email: string;
  name: string;
  message: string | null;
  status: AccessRequestStatus | string;
  createdAt: string;
  answeredAt: string | null;
  answeredBy: string | null;
  answerNote: string | null;
}

export const accessRequestsQuery = (status: AccessRequestStatus) =>
  queryOptions({
    queryKey: ["access-requests", status],
    queryFn: ({ signal }) => api<{ items: AccessRequest[]; nextCursor?: string | null }>("/access-requests", { query: { status }, signal }),
  });

export function answerAccessRequest(id: string, body: { status: "granted" | "declined"; note?: string }): Promise<unknown> {
  return api(`/access-requests/${encodeURIComponent(id)}/answer`, { method: "POST", body });
}
