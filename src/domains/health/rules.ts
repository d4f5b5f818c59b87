import { sql } from "kysely";
import type { Executor, ScheduledRule } from "../../platform/scheduler/scheduled-rule.js";
import { dailySweepRule } from "../../platform/scheduler/daily-sweep-rule.js";
import { recomputeAllHealth } from "./recompute-all.js";

/** The first instant an account existed (nothing to score before). */
async function firstAccountAt(db: Executor): Promise<Date | undefined> {
  const r = await sql<{ at: Date | null }>`select min(created_at) as at from accounts where archived_at is null`.execute(db);
  const at = r.rows[0]?.at;
  return at ? new Date(at) : undefined;
}

/**
 * S1: once per UTC day, at 00:00 (registered after L.evaluate, so it sees the day's usage),
 * every account that is not archived is rescored. Inputs that move with time alone — days since
 * the last activity, tickets leaving the 90-day window, last month's usage at a month's turn —
 * change nothing in the database, so on-change recomputes cannot catch them. Only accounts
 * whose score or inputs moved are rewritten. After downtime one firing catches up. The firing's
 * transaction has written only the scheduler's claim, which the recompute does not read: its
 * inputs may be read beside it (book-inputs.ts).
 */
export const dailyHealthRule: ScheduledRule = dailySweepRule({
  id: "S1.daily-recompute",
  description: "S1: daily, recompute the health score of every account (time-driven inputs: last activity, 90-day tickets, last month's usage).",
  subjectId: "health",
  startedAt: firstAccountAt,
  run: async (trx, ctx, actor) => ({ ...(await recomputeAllHealth(trx, ctx, actor, "daily", { wroteNoInput: true })) }),
  auditAction: "health.recomputed",
});

export const healthRules: readonly ScheduledRule[] = [dailyHealthRule];
