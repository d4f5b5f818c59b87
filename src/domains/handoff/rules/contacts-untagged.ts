import { sql, type Transaction } from "kysely";
import type { Database } from "../../../platform/db/database.js";
import { ONCE_PERIOD, type ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { lockAccount, recordAccountChange } from "../../accounts/account-records.js";
import { activeUser, emailsOf } from "../../trials/recipients.js";
import { queueEmail } from "../../trials/queue-email.js";
import { accountVars, postAccountAlert } from "../account-notices.js";
import { ACCOUNT_SUBJECT, dayPlus, dueAccounts } from "./due.js";

const ID = "H5.contacts-untagged";

/** X: a contact is tagged when it has at least one role. */
const NO_TAGGED_CONTACT = sql<boolean>`not exists (select 1 from contacts c where c.account_id = a.id and jsonb_array_length(c.roles) > 0)`;

async function hasTaggedContact(trx: Transaction<Database>, accountId: string): Promise<boolean> {
  const r = await sql<{ found: boolean }>`
    select exists (select 1 from contacts c where c.account_id = ${accountId}::uuid and jsonb_array_length(c.roles) > 0) as found`.execute(trx);
  return r.rows[0]?.found === true;
}

/**
 * H5/X: contacts are tagged with their role within pack accounts.contactsTaggedWithinDays days
 * of signature. At that mark, a closed account none of whose contacts has a role emails its
 * AE and TA (contactsUntagged) and posts to the account-alerts feed.
 */
export const contactsUntaggedRule: ScheduledRule = {
  id: ID,
  description: "H5: alert the AE and TA when no contact has a role N days after signature (pack accounts.contactsTaggedWithinDays).",
  subjectType: ACCOUNT_SUBJECT,
  findDue(db, ctx, window) {
    const days = ctx.packs.current().accounts.contactsTaggedWithinDays;
    return dueAccounts(db, window, {
      rule: contactsUntaggedRule,
      dueAt: dayPlus(sql<string>`a.closed_on`, days),
      periodKey: sql<string>`${ONCE_PERIOD}::text`,
      where: sql<boolean>`a.closed_on is not null and ${NO_TAGGED_CONTACT}`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const account = await lockAccount(trx, occurrence.subjectId);
    if (!account || account.archived_at || !account.closed_on) return;
    if (await hasTaggedContact(trx, account.id)) return;
    const days = ctx.packs.current().accounts.contactsTaggedWithinDays;
    const [ae, ta] = [await activeUser(trx, account.ae_user_id), await activeUser(trx, account.ta_user_id)];
    const vars = { ...accountVars(ctx, account), closedOn: account.closed_on, days: String(days) };
    const key = `${ID}:account:${account.id}`;
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor,
      action: "account.contacts_untagged",
      summary: `No contact has a role ${days} days after signature: AE and TA alerted`,
      data: { closedOn: account.closed_on, recipients: emailsOf([ae, ta]) },
    });
    await queueEmail(trx, ctx, { template: "contactsUntagged", to: emailsOf([ae, ta]), vars, idempotencyKey: key, subject: { type: ACCOUNT_SUBJECT, id: account.id }, actor });
    await postAccountAlert(trx, ctx, {
      feed: "accountAlerts",
      accountId: account.id,
      text: `Contacts not tagged: ${account.name} closed on ${account.closed_on} and none of its contacts has a role after ${days} days. Tag them: ${vars.accountUrl}`,
      actor,
      idempotencyKey: `${key}:alert`,
    });
  },
};
