import { sql } from "kysely";
import type { ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { queueEmail } from "../queue-email.js";
import { recordTrialChange } from "../trial-records.js";
import { isLive, lockTrial } from "../lifecycle/lock-trial.js";
import { trialVars } from "../lifecycle/trial-vars.js";
import { dueTrials, TRIAL_SUBJECT } from "./due.js";

const ID = "T7.onboarding-email";

/**
 * T7 "the admin onboarding email campaign then starts": each step of the pack's
 * trials.onboardingSequence goes to the admin `afterDays` after hand-off, once per step (the
 * step id is the period), while the trial is not closed.
 */
export const onboardingEmailRule: ScheduledRule = {
  id: ID,
  description: "T7: send each step of the pack's admin onboarding sequence N days after hand-off (pack trials.onboardingSequence).",
  subjectType: TRIAL_SUBJECT,
  async findDue(db, ctx, window) {
    const steps = ctx.packs.current().trials.onboardingSequence;
    if (steps.length === 0) return [];
    const values = sql.join(steps.map((s) => sql`(${s.id}::text, ${s.afterDays}::int)`));
    return dueTrials(db, window, {
      rule: onboardingEmailRule,
      dueAt: sql<Date>`(t.handed_off_at + make_interval(days => st.after_days))`,
      periodKey: sql<string>`st.id`,
      where: sql<boolean>`t.state in ('running', 'ended') and t.handed_off_at is not null`,
      crossJoin: sql`(values ${values}) as st(id, after_days)`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const step = ctx.packs.current().trials.onboardingSequence.find((s) => s.id === occurrence.periodKey);
    const records = await lockTrial(trx, occurrence.subjectId);
    if (!step || !records || !isLive(records.trial.state)) return;
    const { trial } = records;
    await queueEmail(trx, ctx, {
      template: step.template,
      to: [trial.admin_email],
      vars: await trialVars(trx, ctx, records),
      idempotencyKey: `${ID}:trial:${trial.id}:${step.id}`,
      subject: { type: "trial", id: trial.id },
      actor,
    });
    await recordTrialChange(trx, ctx, {
      trial: records.trial,
      actor,
      action: "trial.onboarding_email_sent",
      summary: `Onboarding email "${step.id}" (${step.template}) sent to ${trial.admin_email}`,
      data: { step: step.id, template: step.template, afterDays: step.afterDays },
    });
  },
};
