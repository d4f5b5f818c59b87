import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";

/**
 * Customer health, tickets and activities as the server serves them (docs/health.md, the
 * issue 6 contract). The server scores; these types only describe its answers.
 */

export type HealthBand = "green" | "yellow" | "red";
export type HealthGrade = "healthy" | "concerning" | "poor";
/** S4: criterion key → holds. */
export type ChampionCriteria = Record<string, boolean>;
export type TraitValue = number | boolean | HealthGrade | ChampionCriteria | null;

export interface TraitScore {
  key: string;
  label: string;
  source: "manual" | "computed";
  kind: "grade" | "boolean" | "champion" | "number";
  value: TraitValue;
  grade: HealthGrade | null;
  points: number | null;
  missing: boolean;
  /** "0.42 < 0.5", "missing". */
  detail: string;
  explanation: string;
}

export interface CategoryScore {
  name: string;
  weight: number;
  effectiveWeight: number;
  score: number | null;
  grade: HealthGrade | null;
  traits: TraitScore[];
}

export interface ManualTrait {
  trait: string;
  value: TraitValue;
  note: string | null;
  setBy: string;
  setAt: string;
}

export interface HealthView {
  score: number | null;
  band: HealthBand | null;
  missingData: boolean;
  model: string;
  /** When the inputs were last computed. */
  computedAt: string | null;
  /** When the score in force was set (its last change). */
  scoreSince: string | null;
  categories: CategoryScore[];
  explanation: string[];
  manual: ManualTrait[];
  /** S3: a person's red flag (the band is red while it is set), or null. */
  redFlag?: { reason: string; by: string | null; at: string | null } | null;
}

export interface HealthHistoryItem {
  at: string;
  score: number | null;
  band: HealthBand | null;
  missingData: boolean;
  cause: string;
}

export const TICKET_KINDS = [
  { value: "defect", label: "Defect" },
  { value: "help", label: "Help" },
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number]["value"];

export interface Ticket {
  id: string;
  accountId: string;
  source: string;
  externalId: string | null;
  kind: TicketKind;
  severity: number | null;
  subject: string | null;
  openedAt: string;
  closedAt: string | null;
  createdAt: string;
}

export interface TicketInput {
  kind: TicketKind;
  severity?: number;
  subject?: string;
  openedAt?: string;
  externalId?: string;
}

export const ACTIVITY_KINDS = [
  { value: "call", label: "Call" },
  { value: "meeting", label: "Meeting" },
  { value: "email", label: "Email" },
  { value: "note", label: "Note" },
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]["value"];

export interface Activity {
  id: string;
  kind: ActivityKind | string;
  at: string;
  summary: string;
  user: { id: string; name: string } | null;
  createdBy: string;
}

export interface ActivityInput {
  kind: ActivityKind;
  summary: string;
  at?: string;
}

export const HISTORY_DAYS = 90;
export const TICKETS_LIMIT = 50;

export const healthKeys = {
  health: (accountId: string) => ["health", accountId] as const,
  history: (accountId: string, days: number) => ["health", accountId, "history", days] as const,
  tickets: (accountId: string) => ["tickets", accountId] as const,
  activities: (accountId: string) => ["activities", accountId] as const,
};

const accountPath = (id: string): string => `/accounts/${encodeURIComponent(id)}`;

export function healthQuery(accountId: string) {
  return queryOptions({ queryKey: healthKeys.health(accountId), queryFn: ({ signal }) => api<HealthView>(`${accountPath(accountId)}/health`, { signal }) });
}

export function healthHistoryQuery(accountId: string, days = HISTORY_DAYS) {
  return queryOptions({
    queryKey: healthKeys.history(accountId, days),
    queryFn: ({ signal }) => api<{ items: HealthHistoryItem[] }>(`${accountPath(accountId)}/health/history`, { query: { days }, signal }),
  });
}

export function ticketsQuery(accountId: string) {
  return queryOptions({
    queryKey: healthKeys.tickets(accountId),
    queryFn: ({ signal }) => api<{ items: Ticket[] }>(`${accountPath(accountId)}/tickets`, { query: { limit: TICKETS_LIMIT }, signal }),
  });
}

export function activitiesQuery(accountId: string) {
  return queryOptions({
    queryKey: healthKeys.activities(accountId),
    queryFn: ({ signal }) => api<{ items: Activity[] }>(`${accountPath(accountId)}/activities`, { signal }),
  });
}

export function setManualTrait(accountId: string, trait: string, value: TraitValue, note: string | null): Promise<HealthView> {
  return api<HealthView>(`${accountPath(accountId)}/health/traits/${encodeURIComponent(trait)}`, {
    method: "PUT",
    body: note ? { value, note } : { value },
  });
}

export function createTicket(accountId: string, input: TicketInput): Promise<Ticket> {
  return api<Ticket>(`${accountPath(accountId)}/tickets`, { method: "POST", body: input });
}

export function closeTicket(id: string, closedAt: string): Promise<Ticket> {
  return api<Ticket>(`/tickets/${encodeURIComponent(id)}`, { method: "PATCH", body: { closedAt } });
}

export function createActivity(accountId: string, input: ActivityInput): Promise<Activity> {
  return api<Activity>(`${accountPath(accountId)}/activities`, { method: "POST", body: input });
}

/**
 * A ticket, activity or trait change recomputes the account's score on the server in the same
 * request: the score, its history, the account (list column, header) and its timeline refetch.
 */
export async function afterHealthInput(queryClient: QueryClient, accountId: string, health?: HealthView): Promise<void> {
  if (health) queryClient.setQueryData(healthKeys.health(accountId), health);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ["health", accountId] }),
    queryClient.invalidateQueries({ queryKey: ["accounts"] }),
    queryClient.invalidateQueries({ queryKey: ["timeline", "account", accountId] }),
  ]);
}

/** Who may do what: mirrors src/platform/http/authorization.ts (the server still decides). */
export const healthRoles = {
  setTrait: new Set(["admin", "ae", "ce", "ta"]),
  writeTickets: new Set(["admin", "support", "ta", "ce"]),
  logActivity: new Set(["admin", "ae", "ce", "ta", "sales_ops", "support"]),
};

export function ticketKindLabel(kind: string): string {
  return TICKET_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

export function activityKindLabel(kind: string): string {
  return ACTIVITY_KINDS.find((k) => k.value === kind)?.label ?? kind;
}
