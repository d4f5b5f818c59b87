import { sql } from "kysely";
import { DAY_MS } from "../../clock/clock.js";
import { audit } from "../../timeline/record.js";
import { ceilUtcDay, floorUtcDay, utcDateKey } from "../periods.js";
import type { Executor, ScheduledRule } from "../scheduled-rule.js";

/**
 * Login attempts are kept this long, then deleted. They only feed rate limiting and lockout
 * (windows of minutes to hours) and the investigation of a recent brute-force attempt; sign-ins
 * that matter are in the audit log, which is never pruned. A fixed number because the process
 * pack is about the business process and config has no retention section yet; move it to
 * config if operators need to change it.
 */
export const LOGIN_ATTEMPT_RETENTION_DAYS = 30;

const RULE_ID = "platform.sessions-expire";
const SUBJECT_TYPE = "platform";
const SUBJECT_ID = "sessions";

/**
 * platform.sessions-expire: once per UTC day, at 00:00, marks sessions whose expires_at passed
 * as revoked and deletes old login attempts. A day is due only if there is something to do
 * at its start (computed from stored expires_at and attempt dates), so idle days leave no
 * firing. The sweep is cumulative: after downtime one firing catches up on every missed day,
 * so only the latest day is due (advancing simulated time still stops at each day with work).
 */
export const expireSessionsRule: ScheduledRule = {
  id: RULE_ID,
  description: "Daily: revoke sessions past their expiry; delete login attempts older than 30 days.",
  subjectType: SUBJECT_TYPE,

  async findDue(db, _ctx, { from, until }) {
    const workFrom = await earliestWork(db);
    if (!workFrom) return [];
    const day = from
      ? ceilUtcDay(new Date(Math.max(workFrom.getTime(), from.getTime() + 1)))
      : floorUtcDay(until);
    if (day.getTime() < workFrom.getTime() || day.getTime() > until.getTime()) return [];
    const periodKey = utcDateKey(day);
    const fired = await db
      .selectFrom("scheduler_firings")
      .select("id")
      .where("rule_id", "=", RULE_ID)
      .where("subject_type", "=", SUBJECT_TYPE)
      .where("subject_id", "=", SUBJECT_ID)
      .where("period_key", "=", periodKey)
      .executeTakeFirst();
    return fired ? [] : [{ subjectId: SUBJECT_ID, periodKey, dueAt: day }];
  },

  async fire(trx, ctx, occurrence, actor) {
    const now = ctx.clock.now();
    const revoked = await trx
      .updateTable("sessions")
      .set({ revoked_at: now })
      .where("revoked_at", "is", null)
      .where("expires_at", "<=", now)
      .executeTakeFirst();
    const deleted = await trx
      .deleteFrom("login_attempts")
      .where("at", "<=", new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_DAYS * DAY_MS))
      .executeTakeFirst();
    await audit(trx, {
      actor,
      action: "sessions.expired",
      at: now,
      subject: { type: SUBJECT_TYPE, id: SUBJECT_ID },
      data: {
        period: occurrence.periodKey,
        revokedSessions: Number(revoked.numUpdatedRows),
        deletedLoginAttempts: Number(deleted.numDeletedRows),
      },
    });
  },
};

/** The first instant at which there was something to sweep, or undefined if nothing ever will be yet. */
async function earliestWork(db: Executor): Promise<Date | undefined> {
  const result = await sql<{ at: Date | null }>`
    select least(
      (select min(expires_at) from sessions where revoked_at is null),
      (select min(at) from login_attempts) + make_interval(days => ${LOGIN_ATTEMPT_RETENTION_DAYS})
    ) as at`.execute(db);
  return result.rows[0]?.at ?? undefined;
}
