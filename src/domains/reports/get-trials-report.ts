import type { AppContext } from "../../platform/app/context.js";
import { usageFor } from "../usage/metrics.js";
import { leadFunnel, weeklySignups, type FunnelStep, type WeeklyPoint } from "./lead-funnel.js";
import { leadPipeline, leadStatusBreakdown, type PipelineStage, type StatusCount } from "./lead-status-breakdown.js";
import { ongoingTrials, type OngoingTrial } from "./ongoing-trials.js";
import { resolvePeriod, type ReportPeriod } from "./report-period.js";
import { activeTrialInstances, type TrialInstanceRow } from "./trial-instances.js";
import { trialUsage, type TrialUsage } from "./trial-usage.js";

export interface GetTrialsReportOptions {
  /** "YYYY-MM-DD", inclusive; see resolvePeriod for the defaults. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface TrialsReport {
  period: Omit<ReportPeriod, "start" | "end">;
  generatedAt: Date;
  funnel: FunnelStep[];
  weekly: WeeklyPoint[];
  statusBreakdown: StatusCount[];
  pipeline: PipelineStage[];
  ongoingTrials: (OngoingTrial & { usage: TrialUsage | null })[];
  usageOverview: { items: (TrialInstanceRow & { usage: TrialUsage })[]; truncated: boolean };
}

/**
 * T12 in one read: the period's funnel, weekly series and status breakdown (leads who signed up
 * in the period), plus what is true now: the lead pipeline, ongoing trials with their SLA clock,
 * and usage per trial instance. Reads only; usage comes from the rollups (usageFor).
 */
export async function getTrialsReport(ctx: Pick<AppContext, "db" | "packs" | "config" | "clock">, o: GetTrialsReportOptions): Promise<TrialsReport> {
  const now = ctx.clock.now();
  const pack = ctx.packs.current();
  const period = resolvePeriod(now, o);
  const [funnel, weekly, statusBreakdown, pipeline, ongoing, instances] = await Promise.all([
    leadFunnel(ctx.db, period),
    weeklySignups(ctx.db, period),
    leadStatusBreakdown(ctx.db, pack, period),
    leadPipeline(ctx.db, pack),
    ongoingTrials(ctx.db, pack.businessCalendar, now),
    activeTrialInstances(ctx.db),
  ]);

  const seats = new Map<string, number | null>(instances.rows.map((i) => [i.id, i.seats]));
  for (const t of ongoing) if (t.instanceId && !seats.has(t.instanceId)) seats.set(t.instanceId, null);
  const usage = await usageFor(ctx, [...seats].map(([id, s]) => ({ id, seats: s })));
  const usageOf = (id: string | null): TrialUsage | null => {
    const u = id ? usage.get(id) : undefined;
    return u ? trialUsage(u) : null;
  };

  const { start: _start, end: _end, ...periodOut } = period;
  return {
    period: periodOut,
    generatedAt: now,
    funnel,
    weekly,
    statusBreakdown,
    pipeline,
    ongoingTrials: ongoing.map((t) => ({ ...t, usage: usageOf(t.instanceId) })),
    usageOverview: {
      items: instances.rows.flatMap((i) => {
        const u = usageOf(i.id);
        return u ? [{ ...i, usage: u }] : [];
      }),
      truncated: instances.truncated,
    },
  };
}
