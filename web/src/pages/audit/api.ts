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

/** "rule T9 · pack 2026.11.22", "Ada Lovelace", "API token · CRM sync", "system". */
export function describeActor(entry: AuditEntry): { primary: string; secondary: string | null } {
  switch (entry.actorType) {
    case "rule":
      return {
        primary: `rule ${entry.ruleId ?? entry.actorId ?? entry.actorLabel.replace(/^rule\s+/, "")} · pack ${entry.packVersion ?? "?"}`,
        secondary: null,
      };
    case "user":
      return { primary: entry.actorLabel, secondary: "person" };
    case "api_token":
      return { primary: entry.actorLabel, secondary: "API token" };
    case "system":
      return { primary: entry.actorLabel || "system", secondary: null };
    default:
      return { primary: entry.actorLabel, secondary: entry.actorType };
  }
}
