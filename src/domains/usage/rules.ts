import { sql } from "kysely";
import { DAY_MS } from "../../platform/clock/clock.js";
import { ceilUtcDay, floorUtcDay, utcDateKey } from "../../platform/scheduler/periods.js";
import { notFiredYet, type DueWindow, type ScheduledRule } from "../../platform/scheduler/scheduled-rule.js";
import { audit } from "../../platform/timeline/record.js";
import { evaluateSignals } from "./evaluate-signals.js";
import { lockUsageState } from "./usage-state.js";

/**
 * The day whose 00:00 UTC is due in the window: the first day start after `from`, or with no
 * history the latest one. Both rules are cumulative, so after downtime one firing catches up.
 */
function dueDay({ from, until }: DueWindow): Date | null {
  const day = from ? ceilUtcDay(new Date(from.getTime() + 1)) : floorUtcDay(until);
  return day.getTime() > until.getTime() ? null : day;
}

const RETENTION_SUBJECT = "usage_events";

/**
 * usage.raw-retention: daily, deletes raw events that occurred more than the configured
 * retention ago, and the batch ids received that long ago. Rollups are kept for good.
 */
export const rawRetentionRule: ScheduledRule = {
  id: "usage.raw-retention",
  description: "Daily: delete raw usage events older than TRELLIS_USAGE_RETENTION_DAYS (rollups are kept).",
  subjectType: "platform",
  async findDue(db, _ctx, window) {
    const day = dueDay(window);
    if (!day) return [];
    const periodKey = utcDateKey(day);
    const row = await db
      .selectNoFrom((eb) => [
        eb.exists(eb.selectFrom("usage_events").select(sql.lit(1).as("x"))).as("has_events"),
        notFiredYet({ id: "usage.raw-retention", subjectType: "platform" }, sql.val(RETENTION_SUBJECT), periodKey).as("pending"),
      ])
      .executeTakeFirstOrThrow();
    return row.has_events && row.pending ? [{ subjectId: RETENTION_SUBJECT, periodKey, dueAt: day }] : [];
  },
  async fire(trx, ctx, occurrence, actor) {
    const cutoff = new Date(ctx.clock.now().getTime() - ctx.config.usageRetentionDays * DAY_MS);
    const events = await trx.deleteFrom("usage_events").where("occurred_at", "<", cutoff).executeTakeFirst();
    const batches = await trx.deleteFrom("usage_batches").where("received_at", "<", cutoff).executeTakeFirst();
    await audit(trx, {
      actor,
      action: "usage.raw_events_purged",
      at: ctx.clock.now(),
      subject: { type: "platform", id: RETENTION_SUBJECT },
      data: { period: occurrence.periodKey, before: cutoff.toISOString(), events: Number(events.numDeletedRows), batches: Number(batches.numDeletedRows) },
    });
  },
};

/**
 * usage.daily-recheck: daily per instance with seats or an open PQL question, re-evaluates the
 * signals without new data, because time alone moves users out of the MAU window (P2 seat
 * utilisation falling below a line is only seen this way when an instance goes quiet).
 */
export const dailyRecheckRule: ScheduledRule = {
  id: "usage.daily-recheck",
  description: "Daily per instance: re-evaluate usage signals as users leave the MAU window (P2 seat utilisation going down).",
  subjectType: "instance",
  async findDue(db, _ctx, window) {
    const day = dueDay(window);
    if (!day) return [];
    const periodKey = utcDateKey(day);
    const rows = await db
      .selectFrom("instances as i")
      .innerJoin("usage_state as s", "s.instance_id", "i.id")
      .select("i.id")
      .where("i.status", "=", "active")
      .where("s.seat_band", ">", 0)
      .where(notFiredYet({ id: "usage.daily-recheck", subjectType: "instance" }, sql<string>`i.id::text`, periodKey))
      .execute();
    return rows.map((r) => ({ subjectId: r.id, periodKey, dueAt: day }));
  },
  async fire(trx, ctx, occurrence) {
    const instance = await trx
      .selectFrom("instances")
      .select(["id", "kind", "seats", "admin_email"])
      .where("id", "=", occurrence.subjectId)
      .executeTakeFirst();
    if (!instance) return;
    const now = ctx.clock.now();
    const state = await lockUsageState(trx, instance.id, now);
    const { latches } = await evaluateSignals(trx, ctx, { instance, state, newUserDays: [], newFeatures: [] });
    if (Object.keys(latches).length > 0) {
      await trx.updateTable("usage_state").set({ ...latches, updated_at: now }).where("instance_id", "=", instance.id).execute();
    }
  },
};

export const usageRules: readonly ScheduledRule[] = [rawRetentionRule, dailyRecheckRule];
