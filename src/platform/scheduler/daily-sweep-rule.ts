import type { Transaction } from "kysely";
import type { AppContext } from "../app/context.js";
import type { Database } from "../db/database.js";
import type { Actor } from "../timeline/actor.js";
import { audit } from "../timeline/record.js";
import { ceilUtcDay, floorUtcDay, utcDateKey } from "./periods.js";
import type { Executor, ScheduledRule } from "./scheduled-rule.js";

const PLATFORM_SUBJECT = "platform";

export interface DailySweep {
  id: string;
  description: string;
  /** The platform subject the firings are keyed on ("lifecycle", "health"). */
  subjectId: string;
  /** The first instant there was anything to sweep; undefined while there is nothing. */
  startedAt(db: Executor): Promise<Date | undefined>;
  /** Does the day's work over the current state; its result is audited with `auditAction`. */
  run(trx: Transaction<Database>, ctx: AppContext, actor: Actor): Promise<Record<string, unknown>>;
  auditAction: string;
}

/**
 * A rule that sweeps current state once per UTC day at 00:00 (L.evaluate, S1.daily-recompute).
 * Because the sweep reads the current state, after downtime one firing (the latest day) catches
 * up on every missed day; the day is the exactly-once period key.
 */
export function dailySweepRule(s: DailySweep): ScheduledRule {
  return {
    id: s.id,
    description: s.description,
    subjectType: PLATFORM_SUBJECT,
    async findDue(db, _ctx, { from, until }) {
      const started = await s.startedAt(db);
      if (!started) return [];
      const day = from ? ceilUtcDay(new Date(Math.max(started.getTime(), from.getTime() + 1))) : floorUtcDay(until);
      if (day.getTime() < started.getTime() || day.getTime() > until.getTime()) return [];
      const periodKey = utcDateKey(day);
      const fired = await db
        .selectFrom("scheduler_firings")
        .select("id")
        .where("rule_id", "=", s.id)
        .where("subject_type", "=", PLATFORM_SUBJECT)
        .where("subject_id", "=", s.subjectId)
        .where("period_key", "=", periodKey)
        .executeTakeFirst();
      return fired ? [] : [{ subjectId: s.subjectId, periodKey, dueAt: day }];
    },
    async fire(trx, ctx, occurrence, actor) {
      const result = await s.run(trx, ctx, actor);
      await audit(trx, {
        actor,
        action: s.auditAction,
        at: ctx.clock.now(),
        subject: { type: PLATFORM_SUBJECT, id: s.subjectId },
        data: { period: occurrence.periodKey, ...result },
      });
    },
  };
}
