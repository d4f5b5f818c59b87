import { sql } from "kysely";
import type { ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { utcDateKey } from "../../../platform/scheduler/periods.js";
import { lockAccount, recordAccountChange } from "../../accounts/account-records.js";
import { activeUsersWithRole, emailsOf } from "../../trials/recipients.js";
import { queueEmail } from "../../trials/queue-email.js";
import { daysBetween } from "../../usage/days.js";
import { accountVars, postAccountAlert } from "../account-notices.js";
import { ACCOUNT_SUBJECT, dayDueBy, dayKey, dayPlus, dueAccounts } from "./due.js";

const ID = "H1.support-level-reminder";

/**
 * H1: pack handoff.supportLevelDaysBeforeClose days before the expected close, an open deal
 * without a TA support level reminds TA leadership (email + the account-alerts feed). The
 * period is the expected close date, so a moved close date reminds once more.
 */
export const supportLevelReminderRule: ScheduledRule = {
  id: ID,
  description: "H1: remind TA leadership to set the TA support level N days before the expected close (pack handoff.supportLevelDaysBeforeClose).",
  subjectType: ACCOUNT_SUBJECT,
  findDue(db, ctx, window) {
    const days = ctx.packs.current().handoff.supportLevelDaysBeforeClose;
    return dueAccounts(db, window, {
      rule: supportLevelReminderRule,
      dueAt: dayPlus(sql<string>`a.expected_close_date`, -days),
      periodKey: dayKey(sql<string>`a.expected_close_date`),
      where: sql<boolean>`a.expected_close_date is not null and a.ta_support_level is null and a.closed_on is null and ${dayDueBy(sql<string>`a.expected_close_date`, days, window.until)}`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const account = await lockAccount(trx, occurrence.subjectId);
    // Re-checked under the lock: the level may have been set, or the deal closed or moved, since findDue.
    if (!account || account.archived_at || account.ta_support_level || account.closed_on || account.expected_close_date !== occurrence.periodKey) return;
    const leaders = await activeUsersWithRole(trx, ["leadership"]);
    const days = daysBetween(utcDateKey(ctx.clock.now()), account.expected_close_date);
    const vars = { ...accountVars(ctx, account), days: String(days) };
    const key = `${ID}:account:${account.id}:${occurrence.periodKey}`;
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor,
      action: "account.support_level_reminder",
      summary: `No TA support level ${days} days before the expected close: TA leadership reminded`,
      data: { expectedCloseDate: account.expected_close_date, recipients: emailsOf(leaders) },
    });
    await queueEmail(trx, ctx, { template: "taSupportLevelReminder", to: emailsOf(leaders), vars, idempotencyKey: key, subject: { type: ACCOUNT_SUBJECT, id: account.id }, actor });
    await postAccountAlert(trx, ctx, {
      feed: "accountAlerts",
      accountId: account.id,
      text: `No TA support level yet: ${account.name} is expected to close on ${account.expected_close_date} (${days} days). Set it: ${vars.accountUrl}`,
      actor,
      idempotencyKey: `${key}:alert`,
    });
  },
};
