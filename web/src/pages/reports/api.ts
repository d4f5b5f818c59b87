import { queryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { SlaState } from "@/platform/ui/SlaClock";

/** GET /reports/trials (T12). Periods are UTC days, both ends inclusive. */
export interface TrialsReport {
  period: { from: string; to: string; days: number };
  generatedAt: string;
  funnel: FunnelStep[];
  weekly: WeeklyPoint[];
  statusBreakdown: StatusCount[];
  pipeline: { status: string; count: number }[];
  ongoingTrials: OngoingTrial[];
  usageOverview: { items: TrialInstanceUsage[]; truncated: boolean };
}

export interface FunnelStep {
  key: "signups" | "qualified" | "provisioned" | "handedOff" | "activated" | "pql" | "converted";
  label: string;
  count: number;
  /** Percent of the previous step; null for the first step or after an empty one. */
  conversionPct: number | null;
}

export interface WeeklyPoint {
  /** Monday (UTC) of the week. */
  weekStart: string;
  /** Days of the week inside the period. */
  days: number;
  signups: number;
  qualified: number;
  handedOff: number;
}

export interface StatusCount {
  status: string;
  substatus: string | null;
  count: number;
  sharePct: number;
}

export interface TrialUsage {
  users: number;
  mau: number;
  dau4wAvg: number;
  unused: boolean;
  codeHostConfigured: boolean;
  nonAdminJoined: boolean;
  pql: boolean;
  pqlCriteria: string[];
  lastActivityAt: string | null;
  sparkline: number[];
}

export interface OngoingTrial {
  id: string;
  leadId: string;
  company: string;
  slug: string;
  state: string;
  owner: { id: string; name: string } | null;
  signedUpAt: string;
  ageDays: number;
  endsAt: string | null;
  daysLeft: number | null;
  provisioningSla: { state: SlaState; workingMsLeft: number; workingMsAllowed: number; dueAt: string } | null;
  instanceId: string | null;
  usage: TrialUsage | null;
}

export interface TrialInstanceUsage {
  id: string;
  slug: string;
  name: string;
  company: string | null;
  seats: number | null;
  createdAt: string;
  trial: { id: string; state: string; company: string } | null;
  usage: TrialUsage;
}

export interface ReportPeriodQuery {
  from: string;
  to: string;
}

export const reportKeys = {
  all: ["reports"] as const,
  trials: (p: ReportPeriodQuery) => ["reports", "trials", p.from, p.to] as const,
};

export function trialsReportQuery(period: ReportPeriodQuery) {
  return queryOptions({
    queryKey: reportKeys.trials(period),
    queryFn: ({ signal }) => api<TrialsReport>("/reports/trials", { query: { from: period.from, to: period.to }, signal }),
  });
}

/** GET /reports/health (S1–S3): the book's health by band, segment and owner, movers and trend. */
export interface BandCounts {
  green: number;
  yellow: number;
  red: number;
  unscored: number;
}

export type HealthBandName = "green" | "yellow" | "red";

export interface HealthOverview {
  asOf: string;
  total: number;
  scored: number;
  byBand: BandCounts;
  missingData: number;
  bySegment: (BandCounts & { segment: string | null; averageScore: number | null })[];
  byOwner: (BandCounts & { owner: { id: string; name: string } | null; role: "ta" | "ae"; averageScore: number | null })[];
  movers: {
    account: { id: string; name: string };
    direction: "down" | "up";
    from: { score: number | null; band: HealthBandName };
    to: { score: number | null; band: HealthBandName };
    delta: number;
  }[];
  trend: { week: string; green: number; yellow: number; red: number; averageScore: number | null }[];
}

export interface HealthReportFilters {
  segment?: string | undefined;
  ownerUserId?: string | undefined;
}

export function healthReportQuery(f: HealthReportFilters) {
  return queryOptions({
    queryKey: ["reports", "health", f.segment ?? "", f.ownerUserId ?? ""] as const,
    queryFn: ({ signal }) => api<HealthOverview>("/reports/health", { query: { segment: f.segment, ownerUserId: f.ownerUserId }, signal }),
  });
}
