import { infiniteQueryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";

/** Who did something: a person, an API token, a rule (with its pack version) or the system. */
export interface ActorFields {
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  ruleId: string | null;
  packVersion: string | null;
}

/** One entry of a record's timeline (GET /timeline/:subjectType/:subjectId). */
export interface TimelineEvent extends ActorFields {
  id: string | number;
  at: string;
  kind: string;
  summary: string;
  data: unknown;
}

export interface TimelinePage {
  items: TimelineEvent[];
  nextCursor: string | null;
}

const PAGE_SIZE = 25;

export const timelineKeys = {
  subject: (subjectType: string, subjectId: string) => ["timeline", subjectType, subjectId] as const,
};

/** A record's timeline, newest first; `kinds` narrows it (comma-joined for the API). */
export function timelineQuery(subjectType: string, subjectId: string, kinds: string[]) {
  return infiniteQueryOptions({
    queryKey: [...timelineKeys.subject(subjectType, subjectId), { kinds }] as const,
    queryFn: ({ pageParam, signal }) =>
      api<TimelinePage>(`/timeline/${encodeURIComponent(subjectType)}/${encodeURIComponent(subjectId)}`, {
        query: { kind: kinds.length ? kinds.join(",") : undefined, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** "rule T9 · pack 2026.11.22", "Ada Lovelace", "API token · CRM sync", "system". */
export function describeActor(entry: ActorFields): { primary: string; secondary: string | null } {
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
