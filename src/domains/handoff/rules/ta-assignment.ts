import { sql } from "kysely";
import type { ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { utcDateKey } from "../../../platform/scheduler/periods.js";
import { lockAccount, recordAccountChange } from "../../accounts/account-records.js";
import { activeUsersWithRole, emailsOf } from "../../trials/recipients.js";
import { queueEmail } from "../../trials/queue-email.js";
import { daysBetween } from "../../usage/days.js";
import { accountVars, postAccountAlert } from "../account-notices.js";
import { ACCOUNT_SUBJECT, dayDueBy, dayKey, dayPlus, dueAccounts } from "./due.js";

const ID = "H3.ta-assignment";

/**
 * H3: pack handoff.taAssignDaysBeforeClose days before the expected close, an account in the
 * book without a TA asks TA leadership to assign one (email + the account-alerts feed). The
 * period is the expected close date.
 */
export const taAssignmentRule: ScheduledRule = {
  id: ID,
  description: "H3: ask TA leadership to assign a TA N days before the expected close (pack handoff.taAssignDaysBeforeClose).",
  subjectType: ACCOUNT_SUBJECT,
  findDue(db, ctx, window) {
    const days = ctx.packs.current().handoff.taAssignDaysBeforeClose;
    return dueAccounts(db, window, {
      rule: taAssignmentRule,
      dueAt: dayPlus(sql<string>`a.expected_close_date`, -days),
      periodKey: dayKey(sql<string>`a.expected_close_date`),
      where: sql<boolean>`a.expected_close_date is not null and a.in_book_at is not null and a.ta_user_id is null and a.closed_on is null and ${dayDueBy(sql<string>`a.expected_close_date`, days, window.until)}`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const account = await lockAccount(trx, occurrence.subjectId);
    if (!account || account.archived_at || !account.in_book_at || account.ta_user_id || account.closed_on || account.expected_close_date !== occurrence.periodKey) return;
    const leaders = await activeUsersWithRole(trx, ["leadership"]);
    const days = daysBetween(utcDateKey(ctx.clock.now()), account.expected_close_date);
    const vars = accountVars(ctx, account);
    const key = `${ID}:account:${account.id}:${occurrence.periodKey}`;
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor,
      action: "account.ta_assignment_needed",
      summary: `No TA ${days} days before the expected close: TA leadership asked to assign one`,
      data: { expectedCloseDate: account.expected_close_date, recipients: emailsOf(leaders) },
    });
    await queueEmail(trx, ctx, { template: "taAssignmentNeeded", to: emailsOf(leaders), vars, idempotencyKey: key, subject: { type: ACCOUNT_SUBJECT, id: account.id }, actor });
    await postAccountAlert(trx, ctx, {
      feed: "accountAlerts",
      accountId: account.id,
      text: `No TA assigned: ${account.name} closes on ${account.expected_close_date} (${days} days). Assign one: ${vars.accountUrl}`,
      actor,
      idempotencyKey: `${key}:alert`,
    });
  },
};
