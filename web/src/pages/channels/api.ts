import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";
import { OUTBOX_IN_FLIGHT, type OutboxStatus } from "@/platform/status-colors";
import { timing } from "@/theme";

export type ChannelKind = "feed" | "company";
/** off: no token; pending: created or found by the next delivery; mirrored: known in Slack; failed: that delivery is dead. */
export type SlackMirrorState = "off" | "pending" | "mirrored" | "failed";

export interface SubjectRef {
  type: string;
  id: string;
}

export interface SlackMirror {
  state: SlackMirrorState | string;
  slackChannelId: string | null;
  error: string | null;
}

/** Deployment-wide: is the Slack mirror on, and which environment variable turns it on. */
export interface SlackMirrorInfo {
  enabled: boolean;
  envVar: string;
}

export interface ChannelSummary {
  id: string;
  name: string;
  kind: ChannelKind | string;
  subject: SubjectRef | null;
  memberCount: number;
  lastMessage: { id: number; at: string; text: string; actorLabel: string } | null;
  slack: SlackMirror;
  createdAt: string;
}

export interface ChannelListPage {
  items: ChannelSummary[];
  nextCursor: string | null;
  slackMirror: SlackMirrorInfo;
}

export interface Delivery {
  outboxId: number;
  status: OutboxStatus | string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

export interface ChannelMessage {
  id: number;
  at: string;
  text: string;
  actor: { type: string; id: string | null; label: string };
  ruleId: string | null;
  packVersion: string | null;
  subject: SubjectRef | null;
  slack: Delivery | null;
}

export interface ChannelMember {
  userId: string;
  name: string;
  email: string;
  role: string;
  roleLabel: string;
  active: boolean;
  addedAt: string;
}

export interface ChannelDetail extends Omit<ChannelSummary, "lastMessage"> {
  members: ChannelMember[];
  messages: { items: ChannelMessage[]; nextCursor: string | null };
  slackMirror: SlackMirrorInfo;
}

export interface ChannelFilters {
  q?: string;
  kind?: string;
}

export const CHANNEL_KINDS = [
  { value: "feed", label: "Alert feed" },
  { value: "company", label: "Company channel" },
] as const;

export const kindLabel = (kind: string): string => CHANNEL_KINDS.find((k) => k.value === kind)?.label ?? kind;

const PAGE_SIZE = 50;

export const channelKeys = {
  all: ["channels"] as const,
  list: (f: ChannelFilters) => ["channels", "list", { q: f.q ?? null, kind: f.kind ?? null }] as const,
  detail: (id: string) => ["channels", "detail", id] as const,
};

const path = (id: string) => `/channels/${encodeURIComponent(id)}`;

export function channelListQuery(filters: ChannelFilters) {
  return infiniteQueryOptions({
    queryKey: channelKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api<ChannelListPage>("/channels", { query: { q: filters.q, kind: filters.kind, cursor: pageParam, limit: PAGE_SIZE }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const inFlight = (m: ChannelMessage) => m.slack !== null && OUTBOX_IN_FLIGHT.has(m.slack.status as OutboxStatus);

/** The channel with its messages, newest first; refreshes while a Slack copy is still on its way. */
export function channelQuery(id: string) {
  return infiniteQueryOptions({
    queryKey: channelKeys.detail(id),
    queryFn: ({ pageParam, signal }) => api<ChannelDetail>(path(id), { query: { cursor: pageParam, limit: PAGE_SIZE }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.messages.nextCursor ?? undefined,
    refetchInterval: (query) => {
      const pages = query.state.data?.pages ?? [];
      const live = pages.some((p) => p.slack.state === "pending" && p.slackMirror.enabled) || pages.some((p) => p.messages.items.some(inFlight));
      return live ? timing.liveRefreshMs : false;
    },
  });
}

export function postMessage(channelId: string, text: string): Promise<ChannelMessage> {
  return api<ChannelMessage>(`${path(channelId)}/messages`, { method: "POST", body: { text } });
}

export function addMembers(channelId: string, userIds: string[]): Promise<{ added: { userId: string; name: string }[] }> {
  return api(`${path(channelId)}/members`, { method: "POST", body: { userIds } });
}

export const usersQuery = queryOptions({
  queryKey: ["users", "active"],
  queryFn: ({ signal }) => api<{ items: { id: string; name: string; email: string; role: string }[] }>("/users", { signal }),
  staleTime: 60_000,
});

export async function refreshChannel(queryClient: QueryClient, id: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: channelKeys.detail(id) });
  await queryClient.invalidateQueries({ queryKey: ["channels", "list"] });
}

/** Where the app shows the record a message links to (pages for leads and trials may come later). */
export function recordHref(subject: SubjectRef): string | null {
  const id = encodeURIComponent(subject.id);
  switch (subject.type) {
    case "lead":
      return `/leads/${id}`;
    case "trial":
      return `/trials/${id}`;
    case "instance":
      return `/instances/${id}`;
    case "channel":
      return `/channels/${id}`;
    default:
      return null;
  }
}

export function subjectLabel(subject: SubjectRef): string {
  const noun = subject.type.charAt(0).toUpperCase() + subject.type.slice(1);
  return `${noun} ${subject.id.slice(0, 8)}`;
}
