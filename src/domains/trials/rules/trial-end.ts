import { sql } from "kysely";
import { addDays } from "../../../platform/clock/clock.js";
import type { ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { queueEmail } from "../queue-email.js";
import { postTrialAlert } from "../trial-alerts.js";
import { recordTrialChange } from "../trial-records.js";
import { activeUser, emailsOf, ownerOrRole } from "../recipients.js";
import { dayText, lockTrial } from "../lifecycle/lock-trial.js";
import { trialVars } from "../lifecycle/trial-vars.js";
import { dueTrials, ENDS_KEY_SQL, endsKey, TRIAL_SUBJECT } from "./due.js";

const ID = "T10.trial-end";

/**
 * T10.trial-end (X "a daily expiry check notifies when a trial passes its end"): a running
 * trial whose end has come moves to `ended` and growth (the owner, else the growth team) and
 * the lead's AE are asked for a decision within the pack's days. Once per end date: an
 * extension gives the trial a new end, which fires again.
 */
export const trialEndRule: ScheduledRule = {
  id: ID,
  description: "T10: when a running trial reaches its end, mark it ended and ask growth and the AE for a decision.",
  subjectType: TRIAL_SUBJECT,
  findDue(db, _ctx, window) {
    return dueTrials(db, window, {
      rule: trialEndRule,
      dueAt: sql<Date>`t.ends_at`,
      periodKey: ENDS_KEY_SQL,
      where: sql<boolean>`t.state = 'running' and t.ends_at is not null`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const records = await lockTrial(trx, occurrence.subjectId);
    if (!records) return;
    const { trial, lead } = records;
    // An extension since findDue moved the end: that end is another period.
    if (trial.state !== "running" || !trial.ends_at || endsKey(trial.ends_at) !== occurrence.periodKey) return;
    const pack = ctx.packs.current();
    const now = ctx.clock.now();
    const decisionDue = addDays(trial.ends_at, pack.trials.decisionWithinDaysAfterEnd);
    await trx.updateTable("trials").set({ state: "ended", updated_at: now }).where("id", "=", trial.id).execute();
    await recordTrialChange(trx, ctx, {
      trial: records.trial,
      actor,
      action: "trial.ended",
      summary: `Trial ended; decision (extend, convert or terminate) due by ${dayText(decisionDue)}`,
      data: { from: "running", to: "ended", endsAt: trial.ends_at.toISOString(), decisionDueAt: decisionDue.toISOString() },
    });
    const vars = { ...(await trialVars(trx, ctx, records)), endedOn: dayText(trial.ends_at), decisionDueOn: dayText(decisionDue) };
    const growth = await ownerOrRole(trx, trial.growth_user_id, "growth");
    const ae = await activeUser(trx, lead.ae_user_id);
    await queueEmail(trx, ctx, {
      template: "trialEnded",
      to: emailsOf([...growth, ae]),
      vars,
      idempotencyKey: `${ID}:trial:${trial.id}:${occurrence.periodKey}`,
      subject: { type: "trial", id: trial.id },
      actor,
    });
    await postTrialAlert(trx, ctx, {
      feed: "trialAlerts",
      text: `Trial ended: ${trial.company} (${trial.slug}) ended on ${vars.endedOn}; a decision is due by ${vars.decisionDueOn}. ${vars.trialUrl}`,
      subject: { type: "trial", id: trial.id },
      actor,
      idempotencyKey: `${ID}:trial:${trial.id}:${occurrence.periodKey}:alert`,
    });
  },
};
