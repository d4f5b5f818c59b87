import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";

/** Derived from the instance's telemetry (events and daily pings); see the usage API contract. */
export interface UsageMetrics {
  totalUsers: number;
  /** Rolling 30 days. */
  mau: number;
  /** The last full day (yesterday, UTC): the sparkline's last value. */
  dau: number;
  /** Average DAU over the last 28 days. */
  dau4wAvg: number;
  /** Previous calendar month. */
  lastMonthMau: number;
  /** dau4wAvg / lastMonthMau (S2: ≥ 0.3 healthy, ≤ 0.2 poor). */
  usageScore: number | null;
  /** Rolling MAU / seats. */
  mauPerSeat: number | null;
  /** Last calendar month's MAU / seats (S2: ≥ 0.8 healthy, < 0.5 poor). */
  lastMonthMauPerSeat: number | null;
  version: string | null;
  latestRelease: string | null;
  versionsBehind: number | null;
  codeHostConfigured: boolean;
  codeHosts: number | null;
  repositories: number | null;
  nonAdminJoined: boolean;
  preciseCodeIntel: boolean | null;
  /** T9: no code host and no other user joined. */
  unused: boolean;
  lastActivityAt: string | null;
  lastPingAt: string | null;
  pqlMetAt: string | null;
  /** Labels of the T11 criteria met. */
  pqlCriteria: string[];
}

export const INSTANCE_KINDS = [
  { value: "trial", label: "Trial" },
  { value: "production", label: "Production" },
] as const;
export type InstanceKind = (typeof INSTANCE_KINDS)[number]["value"];

export const INSTANCE_STATUSES = ["active", "terminated"] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export interface InstanceSummary {
  id: string;
  slug: string;
  name: string;
  kind: InstanceKind | string;
  status: InstanceStatus | string;
  company: string | null;
  adminEmail: string | null;
  seats: number | null;
  createdAt: string;
  updatedAt: string;
  /** null: no active ingestion token. */
  tokenPrefix: string | null;
  tokenRotatedAt: string | null;
  metrics: UsageMetrics;
  /** DAU for the last 30 full days (ending yesterday, UTC), oldest first. */
  sparkline: number[];
}

export interface Feature {
  key: string;
  label: string;
  /** null: never used. */
  firstUsedAt: string | null;
  firstUserKey: string | null;
  /** Where the first use was seen; null while never used. */
  source: "event" | "ping" | null;
}

export interface InstanceDetail extends InstanceSummary {
  features: Feature[];
}

export interface UsagePing {
  totalUsers: number;
  dau: number;
  wau: number;
  mau: number;
}

export interface UsageDay {
  /** "YYYY-MM-DD" (UTC). */
  day: string;
  /** Distinct users with events that day. */
  activeUsers: number;
  events: number;
  ping: UsagePing | null;
}

export interface UsageSeries {
  from: string;
  to: string;
  seats: number | null;
  /** Every day in the range, oldest first, zeros filled. */
  days: UsageDay[];
  months: { month: string; activeUsers: number }[];
  features: Feature[];
}

export interface InstanceListPage {
  items: InstanceSummary[];
  nextCursor: string | null;
}

export interface InstanceFilters {
  q?: string;
  kind?: string;
  status?: string;
}

export interface CreateInstanceInput {
  slug: string;
  name: string;
  kind: InstanceKind;
  company?: string;
  adminEmail?: string;
  seats?: number;
}

export interface UpdateInstanceInput {
  name?: string;
  kind?: InstanceKind;
  company?: string | null;
  adminEmail?: string | null;
  seats?: number | null;
  status?: InstanceStatus;
}

export interface CreatedInstance {
  instance: InstanceSummary;
  /** The ingestion token in clear: shown once, never again. */
  ingestToken: string;
}

const PAGE_SIZE = 50;

export const instanceKeys = {
  all: ["instances"] as const,
  lists: () => ["instances", "list"] as const,
  list: (f: InstanceFilters) => ["instances", "list", { q: f.q ?? null, kind: f.kind ?? null, status: f.status ?? null }] as const,
  detail: (id: string) => ["instances", "detail", id] as const,
  usage: (id: string, days: number) => ["instances", "usage", id, days] as const,
};

export function instanceListQuery(filters: InstanceFilters) {
  return infiniteQueryOptions({
    queryKey: instanceKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api<InstanceListPage>("/instances", {
        query: { q: filters.q, kind: filters.kind, status: filters.status, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

const path = (id: string): string => `/instances/${encodeURIComponent(id)}`;

export function instanceQuery(id: string) {
  return queryOptions({
    queryKey: instanceKeys.detail(id),
    queryFn: ({ signal }) => api<InstanceDetail>(path(id), { signal }),
  });
}

export function instanceUsageQuery(id: string, days: number) {
  return queryOptions({
    queryKey: instanceKeys.usage(id, days),
    queryFn: ({ signal }) => api<UsageSeries>(`${path(id)}/usage`, { query: { days }, signal }),
  });
}

export function createInstance(input: CreateInstanceInput): Promise<CreatedInstance> {
  return api<CreatedInstance>("/instances", { method: "POST", body: input });
}

export function updateInstance(id: string, patch: UpdateInstanceInput): Promise<InstanceSummary> {
  return api<InstanceSummary>(path(id), { method: "PATCH", body: patch });
}

/** Issues a new ingestion token; the previous one stops working at once. */
export function rotateIngestToken(id: string): Promise<{ ingestToken: string; tokenPrefix: string }> {
  return api(`${path(id)}/ingest-token`, { method: "POST" });
}

/** The instance's telemetry is refused until a new token is issued. */
export function revokeIngestToken(id: string): Promise<void> {
  return api<void>(`${path(id)}/ingest-token`, { method: "DELETE" });
}

/** After a change: the detail shows it at once, lists and charts refetch. */
export async function applyInstanceChange(queryClient: QueryClient, id: string, updated?: InstanceSummary): Promise<void> {
  if (updated) queryClient.setQueryData<InstanceDetail>(instanceKeys.detail(id), (old) => (old ? { ...old, ...updated } : old));
  await queryClient.invalidateQueries({ queryKey: instanceKeys.all });
  await queryClient.invalidateQueries({ queryKey: ["timeline", "instance", id] });
}

export function kindLabel(kind: string): string {
  return INSTANCE_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/** Where an instance sends its telemetry, as a full URL on this Trellis. */
export function ingestUrl(what: "events" | "pings" | "segment/batch"): string {
  return `${window.location.origin}/api/v1/ingest/${what}`;
}
