import { sql } from "kysely";
import type { ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { queueEmail } from "../queue-email.js";
import { postTrialAlert } from "../trial-alerts.js";
import { recordTrialChange } from "../trial-records.js";
import { activeUsersWithRole, emailsOf, ownerOrRole } from "../recipients.js";
import { dayText, lockTrial } from "../lifecycle/lock-trial.js";
import { trialVars } from "../lifecycle/trial-vars.js";
import { dueTrials, ENDS_KEY_SQL, endsKey, plusDays, TRIAL_SUBJECT } from "./due.js";

const ID = "T10.decision-escalation";

/**
 * T10.decision-escalation: N days (pack trials.decisionWithinDaysAfterEnd) after the end, a
 * trial still `ended` has no decision (every decision moves it out of `ended`): leadership
 * and growth are emailed and the trial-alerts feed is told.
 */
export const decisionEscalationRule: ScheduledRule = {
  id: ID,
  description: "T10: escalate to leadership and growth when no decision is recorded N days after a trial's end (pack trials.decisionWithinDaysAfterEnd).",
  subjectType: TRIAL_SUBJECT,
  findDue(db, ctx, window) {
    return dueTrials(db, window, {
      rule: decisionEscalationRule,
      dueAt: plusDays(sql<Date>`t.ends_at`, ctx.packs.current().trials.decisionWithinDaysAfterEnd),
      periodKey: ENDS_KEY_SQL,
      where: sql<boolean>`t.state = 'ended' and t.ends_at is not null`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const records = await lockTrial(trx, occurrence.subjectId);
    if (!records) return;
    const { trial } = records;
    if (trial.state !== "ended" || !trial.ends_at || endsKey(trial.ends_at) !== occurrence.periodKey) return;
    const pack = ctx.packs.current();
    const days = pack.trials.decisionWithinDaysAfterEnd;
    await recordTrialChange(trx, ctx, {
      trial: records.trial,
      actor,
      action: "trial.decision_overdue",
      summary: `No decision ${days} days after the trial's end: escalated to leadership`,
      data: { endsAt: trial.ends_at.toISOString(), days },
    });
    const vars = { ...(await trialVars(trx, ctx, records)), endedOn: dayText(trial.ends_at), days };
    const leadership = await activeUsersWithRole(trx, ["leadership"]);
    const growth = await ownerOrRole(trx, trial.growth_user_id, "growth");
    await queueEmail(trx, ctx, {
      template: "trialDecisionEscalation",
      to: emailsOf([...leadership, ...growth]),
      vars,
      idempotencyKey: `${ID}:trial:${trial.id}:${occurrence.periodKey}`,
      subject: { type: "trial", id: trial.id },
      actor,
    });
    await postTrialAlert(trx, ctx, {
      feed: "trialAlerts",
      text: `Decision overdue: ${trial.company} (${trial.slug}) ended on ${vars.endedOn} and has no decision after ${days} days. ${vars.trialUrl}`,
      subject: { type: "trial", id: trial.id },
      actor,
      idempotencyKey: `${ID}:trial:${trial.id}:${occurrence.periodKey}:alert`,
    });
  },
};
