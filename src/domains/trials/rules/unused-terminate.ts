import { sql } from "kysely";
import { ONCE_PERIOD, type ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { terminateTrial } from "../lifecycle/terminate-trial.js";
import { isLive, lockTrial } from "../lifecycle/lock-trial.js";
import { dueTrials, isUnused, plusDays, TRIAL_SUBJECT, UNUSED_SQL } from "./due.js";
import { terminationDay } from "./unused-warning.js";

const ID = "T9.terminate";

/**
 * T9.terminate: M days (pack trials.unusedTerminateDays) after hand-off, a trial that was
 * warned, whose admin did not answer and which is still unused, is terminated.
 *
 * Due at the later of hand-off + M days and warning + (M − N) days: after downtime both rules
 * come due together, and the admin must still get the warning's full notice before the
 * instance goes (the warning email names that day).
 */
export const unusedTerminateRule: ScheduledRule = {
  id: ID,
  description: "T9: terminate a warned, unanswered trial that is still unused M days after hand-off (pack trials.unusedTerminateDays).",
  subjectType: TRIAL_SUBJECT,
  findDue(db, ctx, window) {
    const { unusedWarningDays, unusedTerminateDays } = ctx.packs.current().trials;
    return dueTrials(db, window, {
      rule: unusedTerminateRule,
      dueAt: sql<Date>`greatest(${plusDays(sql<Date>`t.handed_off_at`, unusedTerminateDays)}, ${plusDays(sql<Date>`t.warning_sent_at`, unusedTerminateDays - unusedWarningDays)})`,
      periodKey: sql<string>`${ONCE_PERIOD}::text`,
      where: sql<boolean>`t.state in ('running', 'ended') and t.handed_off_at is not null and t.warning_sent_at is not null
        and t.admin_answered_at is null and ${UNUSED_SQL}`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const records = await lockTrial(trx, occurrence.subjectId);
    if (!records) return;
    const { trial } = records;
    if (!isLive(trial.state) || !trial.handed_off_at || !trial.warning_sent_at || trial.admin_answered_at) return;
    const { unusedWarningDays, unusedTerminateDays } = ctx.packs.current().trials;
    const due = terminationDay(trial.handed_off_at, trial.warning_sent_at, unusedWarningDays, unusedTerminateDays);
    if (due > ctx.clock.now()) return;
    if (!(await isUnused(trx, trial))) return;
    await terminateTrial(trx, ctx, {
      records,
      actor,
      reason: `unused ${unusedTerminateDays} days after hand-off and no answer to the warning (T9)`,
      emailAdmin: true,
      key: ID,
    });
  },
};
