import { sql } from "kysely";
import { DAY_MS } from "../../platform/clock/clock.js";
import { audit } from "../../platform/timeline/record.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import type { Occurrence, ScheduledRule } from "../../platform/scheduler/scheduled-rule.js";
import { lockAccount } from "../accounts/account-records.js";
import { ACCOUNT_SUBJECT, dayDueBy, dayKey, dayPlus, dueAccounts } from "../handoff/rules/due.js";
import { createTask } from "../tasks/create-task.js";
import { activeUser } from "../trials/recipients.js";
import { addDays } from "../usage/days.js";
import { snapshotForecast } from "./forecast.js";
import { programUrl, WEEKLY_RULE_ID, weeklyTaskKey } from "./lighthouse-writes.js";
import { mondayOf } from "./quarters.js";
import { OPEN_RULE_ID, openCycle } from "./open-cycle.js";

/**
 * R1: pack renewals.startDaysBeforeRenewal days before the renewal date (contract_end) of an
 * in-book customer account, the renewal cycle opens (see openCycle). The period is the renewal
 * date, so each renewal opens once; a missed day is caught up at the next evaluation, and the
 * unique (account, renewal date) of renewal_cycles holds even when processing (R5) opened it first.
 */
export const openCycleRule: ScheduledRule = {
  id: OPEN_RULE_ID,
  description: "R1: open the renewal cycle N days before the renewal date: Health Assessment doc, the TA's task and email (pack renewals.startDaysBeforeRenewal).",
  subjectType: ACCOUNT_SUBJECT,
  findDue(db, ctx, window) {
    const pack = ctx.packs.current();
    const days = pack.renewals.startDaysBeforeRenewal;
    return dueAccounts(db, window, {
      rule: openCycleRule,
      dueAt: dayPlus(sql<string>`a.contract_end`, -days),
      periodKey: dayKey(sql<string>`a.contract_end`),
      where: sql<boolean>`a.contract_end is not null and a.in_book_at is not null and a.account_type = ${pack.accounts.types.customer}
        and ${dayDueBy(sql<string>`a.contract_end`, days, window.until)}
        and not exists (select 1 from renewal_cycles c where c.account_id = a.id and c.renewal_date = a.contract_end)`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const account = await lockAccount(trx, occurrence.subjectId);
    // The renewal date moved since (a renewal was processed, a contract corrected): that date's cycle is not due.
    if (!account || account.contract_end !== occurrence.periodKey) return;
    await openCycle(trx, ctx, account, actor);
  },
};

/** R3 weekly update tasks are due this many days after the week starts (contract: "due in 2 days"). */
export const WEEKLY_TASK_DUE_DAYS = 2;

/**
 * R3/X: every pack renewals.lighthouseUpdateEveryDays days in an active Lighthouse program (the
 * period is the index of the week since entry: 1, 2…), the AE (else the TA, else the AE team)
 * gets "Lighthouse weekly update: <account>", due WEEKLY_TASK_DUE_DAYS later. Posting an update
 * completes it. After downtime only the latest week is due.
 */
export const lighthouseWeeklyRule: ScheduledRule = {
  id: WEEKLY_RULE_ID,
  description: "R3: a weekly update task for each active Lighthouse program (pack renewals.lighthouseUpdateEveryDays).",
  subjectType: "lighthouse_program",
  async findDue(db, ctx, { from, until }) {
    const every = ctx.packs.current().renewals.lighthouseUpdateEveryDays * DAY_MS;
    const programs = await db.selectFrom("lighthouse_programs").select(["id", "entered_at"]).where("status", "=", "active").where("entered_at", "<=", until).execute();
    const out: Occurrence[] = [];
    for (const p of programs) {
      const entered = new Date(p.entered_at).getTime();
      // The next week after `from` when stepping through time, else the latest one due.
      const week = from ? Math.max(1, Math.floor((from.getTime() - entered) / every) + 1) : Math.floor((until.getTime() - entered) / every);
      if (week < 1) continue;
      const dueAt = new Date(entered + week * every);
      if (dueAt.getTime() > until.getTime()) continue;
      out.push({ subjectId: p.id, periodKey: String(week), dueAt });
    }
    if (out.length === 0) return out;
    const fired = await db
      .selectFrom("scheduler_firings")
      .select(["subject_id", "period_key"])
      .where("rule_id", "=", WEEKLY_RULE_ID)
      .where("subject_id", "in", out.map((o) => o.subjectId))
      .execute();
    const done = new Set(fired.map((f) => `${f.subject_id}:${f.period_key}`));
    return out.filter((o) => !done.has(`${o.subjectId}:${o.periodKey}`));
  },
  async fire(trx, ctx, occurrence, actor) {
    const p = await trx.selectFrom("lighthouse_programs").selectAll().where("id", "=", occurrence.subjectId).forUpdate().executeTakeFirst();
    if (!p || p.status !== "active") return;
    const account = await lockAccount(trx, p.account_id);
    if (!account || account.archived_at) return;
    const owner = (await activeUser(trx, account.ae_user_id)) ?? (await activeUser(trx, account.ta_user_id));
    const week = Number(occurrence.periodKey);
    await createTask(trx, ctx, {
      title: `Lighthouse weekly update: ${account.name}`,
      description: `Week ${week} in the Lighthouse save program. Post this week's update (progress on the save plan against the success criteria): ${programUrl(ctx, p.id)}`,
      assigneeUserId: owner?.id ?? null,
      team: owner ? null : "ae",
      dueOn: addDays(utcDateKey(ctx.clock.now()), WEEKLY_TASK_DUE_DAYS),
      accountId: account.id,
      subject: { type: "account", id: account.id },
      source: WEEKLY_RULE_ID,
      sourceKey: weeklyTaskKey(p.id, week),
      actor,
    });
  },
};

const SNAPSHOT_RULE_ID = "R4.weekly-snapshot";
const PLATFORM_SUBJECT = "platform";
const SNAPSHOT_SUBJECT = "renewal-forecast";
const WEEK_MS = 7 * DAY_MS;

/** 00:00 UTC of the Monday on or before `at`. */
const mondayAt = (at: Date): Date => new Date(`${mondayOf(utcDateKey(at))}T00:00:00Z`);

/**
 * R4: each Monday at 00:00 UTC the forecast of the coming quarters is stored
 * (renewal_forecast_snapshots, period = the Monday): the baseline of "changes this week".
 * Starts with the first account that has a renewal date; after downtime the latest Monday fires.
 */
export const weeklySnapshotRule: ScheduledRule = {
  id: SNAPSHOT_RULE_ID,
  description: "R4: every Monday, store the quarterly renewal forecast (the baseline for last week's figures).",
  subjectType: PLATFORM_SUBJECT,
  async findDue(db, _ctx, { from, until }) {
    const r = await sql<{ at: Date | null }>`select min(created_at) as at from accounts where archived_at is null and contract_end is not null`.execute(db);
    const startedRaw = r.rows[0]?.at;
    if (!startedRaw) return [];
    const started = new Date(startedRaw);
    let monday: Date;
    if (from) {
      const after = new Date(Math.max(started.getTime(), from.getTime() + 1));
      const m = mondayAt(after);
      monday = m.getTime() < after.getTime() ? new Date(m.getTime() + WEEK_MS) : m;
    } else {
      monday = mondayAt(until);
    }
    if (monday.getTime() < started.getTime() || monday.getTime() > until.getTime()) return [];
    const periodKey = utcDateKey(monday);
    const fired = await db
      .selectFrom("scheduler_firings")
      .select("id")
      .where("rule_id", "=", SNAPSHOT_RULE_ID)
      .where("subject_type", "=", PLATFORM_SUBJECT)
      .where("subject_id", "=", SNAPSHOT_SUBJECT)
      .where("period_key", "=", periodKey)
      .executeTakeFirst();
    return fired ? [] : [{ subjectId: SNAPSHOT_SUBJECT, periodKey, dueAt: monday }];
  },
  async fire(trx, ctx, occurrence, actor) {
    const result = await snapshotForecast(trx, ctx, occurrence.periodKey);
    await audit(trx, { actor, action: "renewals.forecast_snapshot", at: ctx.clock.now(), subject: { type: PLATFORM_SUBJECT, id: SNAPSHOT_SUBJECT }, data: { period: occurrence.periodKey, ...result } });
  },
};

export const renewalRules: readonly ScheduledRule[] = [openCycleRule, lighthouseWeeklyRule, weeklySnapshotRule];
