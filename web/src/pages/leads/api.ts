import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { Capacity, TrialView } from "@/pages/trials/api";

/** One automatic qualification check and its verdict (T4). */
export interface QualificationCheck {
  id: string;
  label: string;
  outcome: "pass" | "fail" | "info";
  reason: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface ExistingInstance {
  id: string;
  slug: string;
  name: string;
  url: string | null;
  ssoEnabled: boolean;
}

export interface LeadAccessRequest {
  id: string;
  instance?: { id: string; slug: string; url: string | null } | null;
  instanceId?: string;
  email: string;
  name: string;
  message: string | null;
  status: string;
  createdAt: string;
  answeredAt: string | null;
}

/** GET /leads/:id. */
export interface LeadView {
  id: string;
  name: string;
  email: string;
  emailDomain: string;
  company: string;
  fields: Record<string, string>;
  campaign: string;
  status: string;
  statusKey: LeadStatusKey | null;
  substatus: string | null;
  checks: QualificationCheck[];
  account: { id: string; name: string; customer: boolean; strategic: boolean } | null;
  sdr: PersonRef | null;
  ae: PersonRef | null;
  ce: PersonRef | null;
  createdAt: string;
  qualifiedAt: string | null;
  disqualifiedAt: string | null;
  handedOffAt: string | null;
  pqlAt: string | null;
  convertedAt: string | null;
  ceBookedAt: string | null;
  ceBookedFor: string | null;
  trial: TrialView | null;
  existingInstances: ExistingInstance[];
  accessRequests: LeadAccessRequest[];
  capacity: Capacity;
}

/** A row of GET /leads (the list may carry the checks, or only how many failed). */
export interface LeadSummary {
  id: string;
  name: string;
  email: string;
  company: string;
  status: string;
  createdAt: string;
  checks?: QualificationCheck[];
  failingChecks?: number;
}

export interface LeadListPage {
  items: LeadSummary[];
  nextCursor: string | null;
}

export type QualificationDecision = "approve" | "disqualify" | "unqualify";

/** A lead status's role in the trial process, whatever the pack names it (the API says which). */
export type LeadStatusKey = "new" | "approved" | "disqualified" | "existingInstance" | "handedOff" | "pql" | "converted" | "unqualified";

export const leadKeys = {
  all: ["leads"] as const,
  queue: () => ["leads", "queue", "qualification"] as const,
  detail: (id: string) => ["leads", "detail", id] as const,
};

const path = (id: string): string => `/leads/${encodeURIComponent(id)}`;

/** T4: leads waiting for an SDR, oldest first. */
export function qualificationQueueQuery() {
  return infiniteQueryOptions({
    queryKey: leadKeys.queue(),
    queryFn: ({ pageParam, signal }) => api<LeadListPage>("/leads", { query: { queue: "qualification", cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function leadQuery(id: string) {
  return queryOptions({
    queryKey: leadKeys.detail(id),
    queryFn: ({ signal }) => api<LeadView>(path(id), { signal }),
  });
}

export function decideQualification(id: string, body: { decision: QualificationDecision; slug?: string; reason?: string }): Promise<unknown> {
  return api(`${path(id)}/qualification`, { method: "POST", body });
}

export function claimLead(id: string): Promise<unknown> {
  return api(`${path(id)}/claim`, { method: "POST", body: {} });
}

export function recordCeBooking(id: string, body: { bookedFor: string; ceUserId?: string }): Promise<unknown> {
  return api(`${path(id)}/ce-booking`, { method: "POST", body });
}

/** After a change to a lead: the lead, queues, trials and both timelines refetch. */
export async function refreshLead(queryClient: QueryClient, lead: Pick<LeadView, "id" | "trial">): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: leadKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["trials"] }),
    queryClient.invalidateQueries({ queryKey: ["timeline", "lead", lead.id] }),
    lead.trial ? queryClient.invalidateQueries({ queryKey: ["timeline", "trial", lead.trial.id] }) : null,
  ]);
}

export function failingCount(lead: LeadSummary): number {
  if (typeof lead.failingChecks === "number") return lead.failingChecks;
  return (lead.checks ?? []).filter((c) => c.outcome === "fail").length;
}

/** Same rule as the server (src/domains/instances/instance-input.ts): lowercase DNS label, at most 10 characters. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const SLUG_MAX = 10;

export function checkSlug(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (v.length > SLUG_MAX) return `At most ${SLUG_MAX} characters.`;
  return SLUG.test(v) ? null : "Use lowercase letters, digits and inner hyphens.";
}
