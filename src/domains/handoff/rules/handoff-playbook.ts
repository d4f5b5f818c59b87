import { sql } from "kysely";
import { appUrl } from "../../../platform/app/app-url.js";
import { ONCE_PERIOD, type ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";
import { utcDateKey } from "../../../platform/scheduler/periods.js";
import { lockAccount } from "../../accounts/account-records.js";
import type { AccountRow } from "../../accounts/schema.js";
import { createDoc } from "../../docs/create-doc.js";
import { createTask } from "../../tasks/create-task.js";
import { activeUser, activeUsersWithRole, emailsOf, type Person } from "../../trials/recipients.js";
import { queueEmail } from "../../trials/queue-email.js";
import { addDays } from "../../usage/days.js";
import { accountVars, NOT_SET } from "../account-notices.js";
import { formatCount, formatMoney } from "../formats.js";
import { ACCOUNT_SUBJECT, dayPlus, dueAccounts } from "./due.js";

const ID = "H3.handoff";

/** "Tina TA (TA), Alan AE (AE) and Ian IE (IE)": who the CE schedules the knowledge transfer with. */
export function attendeesText(people: { person: Person | null; role: string }[]): string {
  const named = people.filter((p) => p.person !== null).map((p) => `${p.person?.name ?? ""} (${p.role})`);
  if (named.length <= 1) return named[0] ?? "the account team";
  return `${named.slice(0, -1).join(", ")} and ${named[named.length - 1] ?? ""}`;
}

const deploymentText = (d: AccountRow["deployment"]): string => (d === "cloud_managed" ? "Managed cloud" : d === "self_hosted" ? "Self-hosted" : NOT_SET);

/**
 * H3 hand-off playbook: once a TA is assigned and the close is pack
 * handoff.taAssignDaysBeforeClose days away (whichever is later), the Handoff Doc is created
 * from its template and the CE (else the CE team) gets a task, due handoff.ceTaskDueDays
 * later, to fill it and schedule the knowledge transfer with the TA and AE (and the IE when
 * implementation engineering helps). The CE is emailed (handoffTask), cc TA and AE.
 */
export const handoffPlaybookRule: ScheduledRule = {
  id: ID,
  description: "H3: create the Handoff Doc and the CE's knowledge-transfer task N days before close once a TA is assigned (pack handoff).",
  subjectType: ACCOUNT_SUBJECT,
  findDue(db, ctx, window) {
    const days = ctx.packs.current().handoff.taAssignDaysBeforeClose;
    return dueAccounts(db, window, {
      rule: handoffPlaybookRule,
      // greatest() ignores a null close date: without one the hand-off starts with the TA.
      dueAt: sql<Date>`greatest(${dayPlus(sql<string>`a.expected_close_date`, -days)}, a.ta_assigned_at)`,
      periodKey: sql<string>`${ONCE_PERIOD}::text`,
      where: sql<boolean>`a.in_book_at is not null and a.ta_user_id is not null and a.ta_assigned_at is not null and a.closed_on is null`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const account = await lockAccount(trx, occurrence.subjectId);
    if (!account || account.archived_at || !account.in_book_at || !account.ta_user_id || account.closed_on) return;
    const pack = ctx.packs.current();
    const [ta, ae, ie] = [await activeUser(trx, account.ta_user_id), await activeUser(trx, account.ae_user_id), await activeUser(trx, account.ie_user_id)];
    const ce = await activeUser(trx, account.ce_user_id);
    const vars = accountVars(ctx, account);
    const doc = await createDoc(trx, ctx, {
      accountId: account.id,
      template: "handoff",
      vars: {
        account: account.name,
        closeDate: vars.closeDate,
        arr: account.arr === null ? NOT_SET : formatMoney(account.arr),
        seats: account.seats === null ? NOT_SET : formatCount(account.seats),
        deployment: deploymentText(account.deployment),
        aeName: ae?.name ?? NOT_SET,
        ceName: ce?.name ?? NOT_SET,
        taName: ta?.name ?? NOT_SET,
      },
      sourceKey: `${ID}:${account.id}`,
      actor,
    });
    const docUrl = appUrl(ctx.config, `/docs/${doc.id}`);
    const attendees = attendeesText([
      { person: ta, role: "TA" },
      { person: ae, role: "AE" },
      ...(account.ie_user_id ? [{ person: ie, role: "IE" }] : []),
    ]);
    const dueOn = addDays(utcDateKey(ctx.clock.now()), pack.handoff.ceTaskDueDays);
    const task = await createTask(trx, ctx, {
      title: `Hand-off: complete the Handoff Doc and schedule the knowledge transfer for ${account.name}`,
      description: `Complete the Handoff Doc (${docUrl}) and schedule the knowledge transfer with ${attendees}. Expected close: ${vars.closeDate}.`,
      assigneeUserId: ce?.id ?? null,
      team: ce ? null : "ce",
      dueOn,
      accountId: account.id,
      source: ID,
      sourceKey: `${ID}:${account.id}:ce-task`,
      notifyAssignee: false,
      actor,
    });
    if (!task.created) return;
    const recipients = ce ? [ce] : await activeUsersWithRole(trx, ["ce"]);
    for (const person of recipients) {
      await queueEmail(trx, ctx, {
        template: "handoffTask",
        to: [person.email],
        cc: emailsOf([ta, ae]),
        vars: { ...vars, name: person.name, attendees, dueOn, docUrl },
        idempotencyKey: `${ID}:account:${account.id}:${person.id}`,
        subject: { type: ACCOUNT_SUBJECT, id: account.id },
        actor,
      });
    }
  },
};
