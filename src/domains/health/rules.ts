import { sql } from "kysely";
import type { Executor, ScheduledRule } from "../../platform/scheduler/scheduled-rule.js";
import { ceilUtcDay, floorUtcDay, utcDateKey } from "../../platform/scheduler/periods.js";
import { audit } from "../../platform/timeline/record.js";
import { recomputeAllHealth } from "./recompute-all.js";

const DAILY_ID = "S1.daily-recompute";
const PLATFORM_SUBJECT = "platform";
const HEALTH_SUBJECT_ID = "health";

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
 * whose score or inputs moved get a history row. After downtime one firing catches up.
 */
export const dailyHealthRule: ScheduledRule = {
  id: DAILY_ID,
  description: "S1: daily, recompute the health score of every account (time-driven inputs: last activity, 90-day tickets, last month's usage).",
  subjectType: PLATFORM_SUBJECT,
  async findDue(db, _ctx, { from, until }) {
    const started = await firstAccountAt(db);
    if (!started) return [];
    const day = from ? ceilUtcDay(new Date(Math.max(started.getTime(), from.getTime() + 1))) : floorUtcDay(until);
    if (day.getTime() < started.getTime() || day.getTime() > until.getTime()) return [];
    const periodKey = utcDateKey(day);
    const fired = await db
      .selectFrom("scheduler_firings")
      .select("id")
      .where("rule_id", "=", DAILY_ID)
      .where("subject_type", "=", PLATFORM_SUBJECT)
      .where("subject_id", "=", HEALTH_SUBJECT_ID)
      .where("period_key", "=", periodKey)
      .executeTakeFirst();
    return fired ? [] : [{ subjectId: HEALTH_SUBJECT_ID, periodKey, dueAt: day }];
  },
  async fire(trx, ctx, occurrence, actor) {
    const result = await recomputeAllHealth(trx, ctx, actor, "daily");
    await audit(trx, {
      actor,
      action: "health.recomputed",
      at: ctx.clock.now(),
      subject: { type: PLATFORM_SUBJECT, id: HEALTH_SUBJECT_ID },
      data: { period: occurrence.periodKey, ...result },
    });
  },
};

export const healthRules: readonly ScheduledRule[] = [dailyHealthRule];
