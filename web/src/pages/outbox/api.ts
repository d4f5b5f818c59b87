import { infiniteQueryOptions, queryOptions, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";
import { OUTBOX_IN_FLIGHT, type OutboxStatus } from "@/platform/status-colors";
import { timing } from "@/theme";

export type OutboxId = string | number;

export interface OutboxItem {
  id: OutboxId;
  channel: string;
  status: OutboxStatus | string;
  /** Attempts made so far (a count). */
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  summary: string;
  subjectType: string | null;
  subjectId: string | null;
  ruleId: string | null;
  packVersion: string | null;
  idempotencyKey: string | null;
}

export type OutboxCounts = Record<OutboxStatus, number>;

export interface OutboxListPage {
  items: OutboxItem[];
  nextCursor: string | null;
  counts: OutboxCounts;
}

export interface OutboxAttempt {
  attempt: number;
  worker: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number | null;
}

/** GET /outbox/:id: the item plus its payload, every attempt (oldest first), and a webhook's endpoint. */
export interface OutboxDetail extends OutboxItem {
  payload: unknown;
  attemptHistory: OutboxAttempt[];
  endpoint: { id: string; name: string; url: string; active: boolean } | null;
}

type Raw = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);

/**
 * Accepts both spellings the server may use: subjectType/subjectId or subject {type,id};
 * attempts as a count with attemptHistory, or attempts as the history array.
 */
export function normalizeItem(raw: Raw): OutboxItem {
  const subject = (raw.subject ?? null) as { type?: unknown; id?: unknown } | null;
  const history = Array.isArray(raw.attempts) ? raw.attempts : Array.isArray(raw.attemptHistory) ? raw.attemptHistory : null;
  return {
    id: raw.id as OutboxId,
    channel: str(raw.channel) ?? "unknown",
    status: str(raw.status) ?? "unknown",
    attempts: typeof raw.attempts === "number" ? raw.attempts : (history?.length ?? 0),
    maxAttempts: typeof raw.maxAttempts === "number" ? raw.maxAttempts : 0,
    nextAttemptAt: str(raw.nextAttemptAt),
    lastError: str(raw.lastError),
    createdAt: str(raw.createdAt) ?? "",
    updatedAt: str(raw.updatedAt) ?? "",
    deliveredAt: str(raw.deliveredAt),
    summary: str(raw.summary) ?? "",
    subjectType: str(raw.subjectType) ?? str(subject?.type),
    subjectId: str(raw.subjectId) ?? str(subject?.id),
    ruleId: str(raw.ruleId),
    packVersion: str(raw.packVersion),
    idempotencyKey: str(raw.idempotencyKey),
  };
}

export function normalizeDetail(raw: Raw): OutboxDetail {
  const history = Array.isArray(raw.attemptHistory) ? raw.attemptHistory : Array.isArray(raw.attempts) ? raw.attempts : [];
  const endpoint = raw.endpoint && typeof raw.endpoint === "object" ? (raw.endpoint as OutboxDetail["endpoint"]) : null;
  return { ...normalizeItem(raw), payload: raw.payload, attemptHistory: history as OutboxAttempt[], endpoint };
}

export interface OutboxFilters {
  status?: string;
  channel?: string;
}

const PAGE_SIZE = 50;

export const outboxKeys = {
  all: ["outbox"] as const,
  lists: () => ["outbox", "list"] as const,
  list: (f: OutboxFilters) => ["outbox", "list", { status: f.status ?? null, channel: f.channel ?? null }] as const,
  item: (id: string) => ["outbox", "item", id] as const,
};

const inFlight = (status: string): boolean => OUTBOX_IN_FLIGHT.has(status as OutboxStatus);

export function outboxListQuery(filters: OutboxFilters) {
  return infiniteQueryOptions({
    queryKey: outboxKeys.list(filters),
    queryFn: async ({ pageParam, signal }): Promise<OutboxListPage> => {
      const page = await api<{ items: Raw[]; nextCursor: string | null; counts: OutboxCounts }>("/outbox", {
        query: { status: filters.status, channel: filters.channel, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      });
      return { ...page, items: page.items.map(normalizeItem) };
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (query) => (outboxIsLive(query.state.data?.pages) ? timing.liveRefreshMs : false),
  });
}

/** Live while anything is in flight: a shown row, or any pending/sending/retrying count. */
export function outboxIsLive(pages: OutboxListPage[] | undefined): boolean {
  if (!pages) return false;
  const counts = pages[0]?.counts;
  const countsLive = counts ? (counts.pending ?? 0) + (counts.sending ?? 0) + (counts.retrying ?? 0) > 0 : false;
  return countsLive || pages.some((p) => p.items.some((i) => inFlight(i.status)));
}

export function outboxItemQuery(id: string) {
  return queryOptions({
    queryKey: outboxKeys.item(id),
    queryFn: async ({ signal }) => normalizeDetail(await api<Raw>(`/outbox/${encodeURIComponent(id)}`, { signal })),
    refetchInterval: (query) => (query.state.data && inFlight(query.state.data.status) ? timing.liveRefreshMs : false),
  });
}

/** Queues a dead or cancelled item again (admin). The reason, when given, goes to the audit log. */
export async function replayOutboxItem(id: string, reason: string): Promise<OutboxItem> {
  const body = reason.trim() ? { reason: reason.trim() } : {};
  return normalizeItem(await api<Raw>(`/outbox/${encodeURIComponent(id)}/replay`, { method: "POST", body }));
}

/** After a replay: show the new state at once in the drawer and every loaded list page. */
export function applyReplayedItem(queryClient: QueryClient, item: OutboxItem): void {
  const id = String(item.id);
  queryClient.setQueryData<OutboxDetail>(outboxKeys.item(id), (old) => (old ? { ...old, ...item } : old));
  queryClient.setQueriesData<InfiniteData<OutboxListPage>>({ queryKey: outboxKeys.lists() }, (old) =>
    old
      ? { ...old, pages: old.pages.map((p) => ({ ...p, items: p.items.map((i) => (String(i.id) === id ? item : i)) })) }
      : old,
  );
}

/** Where a delivery goes, in words, for the replay confirmation. */
export function describeRecipient(detail: OutboxDetail, webhookName: (endpointId: string) => string | null): string {
  if (detail.endpoint) return `${detail.endpoint.name} (${detail.endpoint.url})`;
  const payload = (detail.payload ?? {}) as Record<string, unknown>;
  if (detail.channel === "email") {
    const to = Array.isArray(payload.to) ? payload.to.map(String) : typeof payload.to === "string" ? [payload.to] : [];
    const cc = Array.isArray(payload.cc) ? payload.cc.map(String) : [];
    if (to.length === 0) return "its recipients";
    return cc.length ? `${to.join(", ")} (cc ${cc.join(", ")})` : to.join(", ");
  }
  if (detail.channel === "webhook") {
    const endpointId = typeof payload.endpointId === "string" ? payload.endpointId : null;
    if (!endpointId) return "its webhook endpoint";
    return webhookName(endpointId) ?? `webhook endpoint ${endpointId}`;
  }
  if (detail.channel === "slack") {
    const channel = typeof payload.channel === "string" ? payload.channel : null;
    return channel ? `Slack ${channel}` : "its Slack channel";
  }
  return "its recipient";
}

export function channelNoun(channel: string): string {
  if (channel === "email") return "email";
  if (channel === "webhook") return "webhook";
  if (channel === "slack") return "Slack message";
  return `${channel} message`;
}
