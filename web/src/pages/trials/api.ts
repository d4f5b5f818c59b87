import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";

/** The server's TrialView (src/domains/trials/trial-view.ts); dates arrive as ISO strings. */
export const TRIAL_STATES = ["queued", "provisioning", "provisioning_failed", "running", "ended", "converted", "terminated", "cancelled"] as const;
export type TrialState = (typeof TRIAL_STATES)[number];
/** Trials still in play (on the board by default); the others are closed. */
export const OPEN_STATES: readonly TrialState[] = ["queued", "provisioning", "provisioning_failed", "running", "ended"];
export const CLOSED_STATES: readonly TrialState[] = ["converted", "terminated", "cancelled"];

export type SlaState = "ok" | "amber" | "red" | "met" | "missed";
export type TrialDecision = "extend" | "convert" | "terminate";

export interface TrialView {
  id: string;
  leadId: string;
  leadStatus: string;
  /** "pql" when the lead is product-qualified (only PQLs convert, T11), whatever the pack calls it. */
  leadStatusKey: string | null;
  state: TrialState | string;
  slug: string;
  company: string;
  adminEmail: string;
  adminName: string;
  provisioner: "webhook" | "manual" | string;
  growthOwner: { id: string; name: string } | null;
  approvedAt: string;
  provisioningRequestedAt: string | null;
  provisioningDueAt: string | null;
  provisioningAttempt: number;
  provisioningError: string | null;
  readyAt: string | null;
  handedOffAt: string | null;
  endsAt: string | null;
  /** Whole days until endsAt (negative once past), null before hand-off. */
  daysLeft: number | null;
  extendedDays: number;
  activatedAt: string | null;
  warningSentAt: string | null;
  adminAnsweredAt: string | null;
  decision: TrialDecision | null;
  decisionAt: string | null;
  decisionBy: string | null;
  decisionNote: string | null;
  closedAt: string | null;
  closeReason: string | null;
  instance: { id: string; slug: string; url: string | null; status: string } | null;
  /** T5: 1-based place in line while queued. */
  queuePosition: number | null;
  sla: { state: SlaState; workingMsLeft: number; workingMsAllowed: number; dueAt: string } | null;
  usage: { totalUsers: number; mau: number; unused: boolean; pql: boolean; lastActivityAt: string | null } | null;
}

/** T5: concurrent trial instances. */
export interface Capacity {
  max: number;
  used: number;
  remaining: number;
  queued: number;
}

export interface TrialList {
  items: TrialView[];
  capacity: Capacity;
  nextCursor?: string | null;
}

export interface TrialFilters {
  state?: string | undefined;
  owner?: "me" | undefined;
  q?: string | undefined;
  /** "1": closed trials too (the API lists open ones unless states are named). */
  closed?: "1" | undefined;
}


export const trialKeys = {
  all: ["trials"] as const,
  list: (f: TrialFilters) => ["trials", "list", { state: f.state ?? null, owner: f.owner ?? null, q: f.q ?? null, closed: f.closed ?? null }] as const,
  detail: (id: string) => ["trials", "detail", id] as const,
};

const path = (id: string): string => `/trials/${encodeURIComponent(id)}`;

export function trialListQuery(filters: TrialFilters) {
  return queryOptions({
    queryKey: trialKeys.list(filters),
    queryFn: ({ signal }) => {
      const state = filters.state ?? (filters.closed === "1" ? TRIAL_STATES.join(",") : undefined);
      return api<TrialList>("/trials", { query: { state, owner: filters.owner, q: filters.q }, signal });
    },
  });
}

export function trialQuery(id: string) {
  return queryOptions({
    queryKey: trialKeys.detail(id),
    queryFn: ({ signal }) => api<TrialView>(path(id), { signal }),
  });
}

/** "I'm taking it" (T6): without userId the signed-in person takes it. */
export function assignTrial(id: string): Promise<unknown> {
  return api(`${path(id)}/assign`, { method: "POST", body: {} });
}

export interface ReadyResult {
  trial: TrialView;
  instanceId: string;
  /** The instance's usage ingestion token, in clear, once. */
  ingestToken: string;
}

export function markReady(id: string, body: { instanceUrl: string; passwordResetUrl: string }): Promise<ReadyResult> {
  return api<ReadyResult>(`${path(id)}/ready`, { method: "POST", body });
}

export function reportFailure(id: string, error: string): Promise<unknown> {
  return api(`${path(id)}/provisioning-failed`, { method: "POST", body: { error } });
}

export function retryProvisioning(id: string): Promise<unknown> {
  return api(`${path(id)}/retry-provisioning`, { method: "POST", body: {} });
}

export function recordDecision(id: string, body: { decision: TrialDecision; days?: number; note?: string }): Promise<unknown> {
  return api(`${path(id)}/decision`, { method: "POST", body });
}

export function recordAdminAnswer(id: string, note: string): Promise<unknown> {
  return api(`${path(id)}/admin-answered`, { method: "POST", body: { note } });
}

/** After any trial change: lists, the trial, its lead, licenses, instances and both timelines refetch. */
export async function refreshTrials(queryClient: QueryClient, trial?: Pick<TrialView, "id" | "leadId">): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: trialKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["leads"] }),
    // Extending or converting issues a license; hand-off attaches the trial's subscription.
    queryClient.invalidateQueries({ queryKey: ["licenses"] }),
    queryClient.invalidateQueries({ queryKey: ["instances"] }),
    trial ? queryClient.invalidateQueries({ queryKey: ["timeline", "trial", trial.id] }) : null,
    trial ? queryClient.invalidateQueries({ queryKey: ["timeline", "lead", trial.leadId] }) : null,
  ]);
}

/** Roles the server lets act (src/platform/http/authorization.ts); the server still decides. */
export const trialRoles = {
  take: new Set(["admin", "growth"]),
  provision: new Set(["admin", "growth", "cloud_ops"]),
  decide: new Set(["admin", "growth", "sales_ops"]),
  adminAnswer: new Set(["admin", "growth"]),
  qualify: new Set(["admin", "growth", "sdr"]),
  readFailedSignups: new Set(["admin", "support", "growth", "leadership"]),
  replaySignups: new Set(["admin", "support"]),
};

/** "3 days left", "1 day left", "ended 2 days ago". */
export function describeDaysLeft(daysLeft: number | null): string {
  if (daysLeft === null) return "—";
  if (daysLeft > 0) return `${daysLeft} ${daysLeft === 1 ? "day" : "days"} left`;
  if (daysLeft === 0) return "ends today";
  const ago = -daysLeft;
  return `ended ${ago} ${ago === 1 ? "day" : "days"} ago`;
}

/** "1st", "2nd", "3rd", "11th" in line. */
export function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  const suffix = { 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th";
  return `${n}${suffix}`;
}
