import { infiniteQueryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { AuditSearch } from "@/pages/audit/search";

export interface AuditEntry {
  id: string | number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  ruleId: string | null;
  packVersion: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  data: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

const PAGE_SIZE = 50;

export function auditListQuery(filters: AuditSearch) {
  return infiniteQueryOptions({
    queryKey: ["audit", "list", { ...filters }],
    queryFn: ({ pageParam, signal }) =>
      api<AuditPage>("/audit", { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Shared with every record timeline. */
export { describeActor } from "@/platform/timeline";
