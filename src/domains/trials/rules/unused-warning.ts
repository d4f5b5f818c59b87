import { sql } from "kysely";
import { addDays } from "../../../platform/clock/clock.js";
import { ONCE_PERIOD, type ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { queueEmail } from "../queue-email.js";
import { postTrialAlert } from "../trial-alerts.js";
import { recordTrialChange } from "../trial-records.js";
import { activeUser, emailsOf } from "../recipients.js";
import { dayText, lockTrial } from "../lifecycle/lock-trial.js";
import { trialVars } from "../lifecycle/trial-vars.js";
import { dueTrials, isUnused, plusDays, TRIAL_SUBJECT, UNUSED_SQL } from "./due.js";

const ID = "T9.warning";

/** When T9.terminate will act on a warning sent at `warnedAt` (see unused-terminate.ts). */
export function terminationDay(handedOffAt: Date, warnedAt: Date, warningDays: number, terminateDays: number): Date {
  const byHandOff = addDays(handedOffAt, terminateDays);
  const byWarning = addDays(warnedAt, terminateDays - warningDays);
  return byWarning > byHandOff ? byWarning : byHandOff;
}

/**
 * T9.warning: N days (pack trials.unusedWarningDays) after hand-off, a running trial whose
 * instance is still unused gets the warning email (admin, cc the growth owner) and an alert.
 */
export const unusedWarningRule: ScheduledRule = {
  id: ID,
  description: "T9: warn the admin when the trial instance is still unused N days after hand-off (pack trials.unusedWarningDays).",
  subjectType: TRIAL_SUBJECT,
  findDue(db, ctx, window) {
    const { unusedWarningDays } = ctx.packs.current().trials;
    return dueTrials(db, window, {
      rule: unusedWarningRule,
      dueAt: plusDays(sql<Date>`t.handed_off_at`, unusedWarningDays),
      periodKey: sql<string>`${ONCE_PERIOD}::text`,
      where: sql<boolean>`t.state = 'running' and t.handed_off_at is not null and t.warning_sent_at is null
        and t.admin_answered_at is null and ${UNUSED_SQL}`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const records = await lockTrial(trx, occurrence.subjectId);
    if (!records) return;
    const { trial } = records;
    // Re-checked under the lock: a code host or a colleague may have arrived since findDue.
    if (trial.state !== "running" || !trial.handed_off_at || trial.warning_sent_at || trial.admin_answered_at) return;
    if (!(await isUnused(trx, trial))) return;
    const pack = ctx.packs.current();
    const now = ctx.clock.now();
    const terminateOn = terminationDay(trial.handed_off_at, now, pack.trials.unusedWarningDays, pack.trials.unusedTerminateDays);
    await trx.updateTable("trials").set({ warning_sent_at: now, updated_at: now }).where("id", "=", trial.id).execute();
    await recordTrialChange(trx, ctx, {
      trial: records.trial,
      actor,
      action: "trial.unused_warning_sent",
      summary: `Unused ${pack.trials.unusedWarningDays} days after hand-off: warning emailed to ${trial.admin_email}`,
      data: { terminateOn: terminateOn.toISOString() },
    });
    const vars = await trialVars(trx, ctx, records);
    const growth = await activeUser(trx, trial.growth_user_id);
    await queueEmail(trx, ctx, {
      template: "trialUnusedWarning",
      to: [trial.admin_email],
      cc: emailsOf([growth]),
      vars: { ...vars, terminateOn: dayText(terminateOn) },
      idempotencyKey: `${ID}:trial:${trial.id}`,
      subject: { type: "trial", id: trial.id },
      actor,
    });
    await postTrialAlert(trx, ctx, {
      feed: "trialAlerts",
      text: `Unused trial: ${trial.company} (${trial.slug}) has no code host and no other user ${pack.trials.unusedWarningDays} days after hand-off. Warning sent to ${trial.admin_email}; it will be terminated on ${dayText(terminateOn)} unless used or answered. ${vars.trialUrl}`,
      subject: { type: "trial", id: trial.id },
      actor,
      idempotencyKey: `${ID}:trial:${trial.id}:alert`,
    });
  },
};
