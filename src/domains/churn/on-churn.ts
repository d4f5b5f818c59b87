import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import { addWorkingDays } from "../../platform/calendar/business-calendar.js";
import { zonedParts } from "../../platform/calendar/zoned-time.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { ACCOUNT_SUBJECT, recordAccountChange } from "../accounts/account-records.js";
import type { AccountRow } from "../accounts/schema.js";
import { createDoc } from "../docs/create-doc.js";
import { accountUrl, NOT_SET, postAccountAlert } from "../handoff/account-notices.js";
import { formatMoney } from "../handoff/formats.js";
import { createTask } from "../tasks/create-task.js";
import { queueEmail } from "../trials/queue-email.js";
import { activeUser, activeUsersWithRole, emailsOf, type Person } from "../trials/recipients.js";
import { addDays, dayOf } from "../usage/days.js";

const pad = (n: number): string => String(n).padStart(2, "0");

/** X cloud SLA for a teardown: the local day N working days from `from`. */
function teardownDue(ctx: Pick<AppContext, "packs">, from: Date): string {
  const pack = ctx.packs.current();
  const dueAt = addWorkingDays(pack.businessCalendar, from, pack.churn.teardownSlaWorkingDays);
  const local = zonedParts(pack.businessCalendar.timeZone, dueAt.getTime());
  return `${local.year}-${pad(local.month)}-${pad(local.day)}`;
}

/** The idempotency key of a churn's side effects: the account and the day. */
const churnKey = (accountId: string, day: string): string => `C:${accountId}:${day}`;

/** C5: the source key of the post-mortem doc of the account's churn on `day` (renewal processing reuses it as the retro). */
export const postMortemDocKey = (accountId: string, day: string): string => `${churnKey(accountId, day)}:post-mortem`;

export interface ChurnResult {
  /** C3: the cloud-ops teardown task, when the deployment is managed cloud. */
  teardownTaskId: string | null;
  /** C5: the post-mortem doc and the AE's task. */
  postMortemDocId: string;
  postMortemTaskId: string;
}

/**
 * What a churn sets off, once per churn (keys carry the account and the day), when an account
 * becomes the pack's attrited type (C2, account-writes.ts): C1 a post to the pack's
 * gtmOperationsReview feed and an email to the assigned TA (accountChurned); C3 for a
 * managed cloud deployment a cloud-ops teardown task due at the X teardown SLA, an email to
 * cloud ops and the account team (teardownRequested) and a post to the cloud-ops feed; C5 the
 * post-mortem doc (pack docTemplates.churnRetro) and the AE's task to write and share it.
 * Uses only `trx`.
 */
export async function onChurn(trx: Transaction<Database>, ctx: AppContext, account: AccountRow, accountType: string, actor: Actor): Promise<ChurnResult> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const today = dayOf(now);
  const key = churnKey(account.id, today);
  const url = accountUrl(ctx, account.id);
  const arr = account.arr === null ? NOT_SET : formatMoney(account.arr);
  const [ta, ae, ce] = [await activeUser(trx, account.ta_user_id), await activeUser(trx, account.ae_user_id), await activeUser(trx, account.ce_user_id)];

  // C3 first: the TA's email says whether a teardown was requested.
  let teardownTaskId: string | null = null;
  let teardownText = "";
  if (account.deployment === "cloud_managed") {
    const instances = await trx
      .selectFrom("instances")
      .select(["slug"])
      .where("account_id", "=", account.id)
      .where("status", "=", "active")
      .orderBy("slug")
      .execute();
    const names = instances.length > 0 ? instances.map((i) => i.slug).join(", ") : "its managed instance (none mapped in Trellis yet)";
    const dueOn = teardownDue(ctx, now);
    const slaDays = pack.churn.teardownSlaWorkingDays;
    const task = await createTask(trx, ctx, {
      title: `Tear down ${account.name}'s managed instance`,
      description: `${account.name} churned (account type ${accountType}). Tear down ${names} promptly (compliance). SLA: ${slaDays} working days, by ${dueOn}. Account: ${url}`,
      team: "cloud_ops",
      dueOn,
      accountId: account.id,
      source: "C3.teardown",
      sourceKey: `${key}:teardown`,
      notifyAssignee: false,
      actor,
    });
    teardownTaskId = task.id;
    teardownText = `A teardown of ${names} was requested from cloud ops (by ${dueOn}). `;
    if (task.created) {
      const cloudOps = await activeUsersWithRole(trx, ["cloud_ops"]);
      await queueEmail(trx, ctx, {
        template: "teardownRequested",
        to: emailsOf(cloudOps),
        cc: emailsOf(uniquePeople([ae, ce, ta])),
        vars: { account: account.name, instances: names, dueOn, slaDays, accountUrl: url },
        idempotencyKey: `${key}:teardown-email`,
        subject: { type: ACCOUNT_SUBJECT, id: account.id },
        actor,
      });
      await postAccountAlert(trx, ctx, {
        feed: "cloudOps",
        accountId: account.id,
        text: `Teardown request: ${account.name} churned. Tear down ${names}. SLA: by ${dueOn} (${slaDays} working days). ${url}`,
        actor,
        idempotencyKey: `${key}:teardown-post`,
      });
    }
  }

  // C1: the churn is announced to GTM operations and the assigned TA is told.
  await postAccountAlert(trx, ctx, {
    feed: "gtmOperationsReview",
    accountId: account.id,
    text: `${account.name} churned: account type ${accountType}, ARR ${arr}. TA ${ta?.name ?? NOT_SET}, AE ${ae?.name ?? NOT_SET}. ${url}`,
    actor,
    idempotencyKey: `${key}:gtm-post`,
  });
  if (ta) {
    await queueEmail(trx, ctx, {
      template: "accountChurned",
      to: [ta.email],
      cc: emailsOf([ae]),
      vars: { name: ta.name, account: account.name, accountType, arr, teardown: teardownText, accountUrl: url },
      idempotencyKey: `${key}:ta-email`,
      subject: { type: ACCOUNT_SUBJECT, id: account.id },
      actor,
    });
  }

  // C5: the post-mortem, written by the AE (else the AE team) and shared.
  const doc = await createDoc(trx, ctx, {
    accountId: account.id,
    template: "churnRetro",
    vars: {
      account: account.name,
      outcome: pack.renewals.outcomeLabels.full_churn,
      arrBefore: arr,
      arrAfter: formatMoney(0),
      renewalDate: account.contract_end ?? NOT_SET,
    },
    sourceKey: postMortemDocKey(account.id, today),
    actor,
  });
  const docUrl = appUrl(ctx.config, `/docs/${doc.id}`);
  const task = await createTask(trx, ctx, {
    title: `Post-mortem: ${account.name}`,
    description: `Write and share the post-mortem of ${account.name}'s churn: contacts, meetings, recordings and notes, why they left (closed-lost category and reason). Doc: ${docUrl}`,
    assigneeUserId: ae?.id ?? null,
    team: ae ? null : "ae",
    dueOn: addDays(today, pack.churn.postMortemDueDays),
    accountId: account.id,
    source: "C5.post-mortem",
    sourceKey: `${key}:post-mortem-task`,
    actor,
  });
  await recordAccountChange(trx, ctx, {
    accountId: account.id,
    actor,
    action: "account.churned",
    summary: `Churned: GTM operations alerted${ta ? `, ${ta.name} told` : ""}${teardownTaskId ? ", teardown requested from cloud ops" : ""}, post-mortem assigned to ${ae?.name ?? "the AE team"}`,
    data: { accountType, arr: account.arr, teardownTaskId, postMortemDocId: doc.id, postMortemTaskId: task.id },
  });
  return { teardownTaskId, postMortemDocId: doc.id, postMortemTaskId: task.id };
}

function uniquePeople(people: readonly (Person | null)[]): Person[] {
  const byId = new Map<string, Person>();
  for (const p of people) if (p !== null) byId.set(p.id, p);
  return [...byId.values()];
}
