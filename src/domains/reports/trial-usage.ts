import type { InstanceUsage } from "../usage/metrics.js";

/** The usage a report shows for a trial instance (a slice of the usage domain's metrics). */
export interface TrialUsage {
  users: number;
  mau: number;
  dau4wAvg: number;
  /** T9: no code host and no other user joined. */
  unused: boolean;
  codeHostConfigured: boolean;
  nonAdminJoined: boolean;
  /** T11: the usage signal has been met. */
  pql: boolean;
  pqlCriteria: string[];
  lastActivityAt: Date | null;
  /** DAU of the last 30 days, oldest first. */
  sparkline: number[];
}

export function trialUsage(u: InstanceUsage): TrialUsage {
  const m = u.metrics;
  return {
    users: m.totalUsers,
    mau: m.mau,
    dau4wAvg: m.dau4wAvg,
    unused: m.unused,
    codeHostConfigured: m.codeHostConfigured,
    nonAdminJoined: m.nonAdminJoined,
    pql: m.pqlMetAt !== null,
    pqlCriteria: m.pqlCriteria,
    lastActivityAt: m.lastActivityAt,
    sparkline: u.sparkline,
  };
}
