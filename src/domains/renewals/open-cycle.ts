import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { ACCOUNT_SUBJECT, recordAccountChange } from "../accounts/account-records.js";
import type { AccountRow } from "../accounts/schema.js";
import { createDoc } from "../docs/create-doc.js";
import { NOT_SET } from "../handoff/account-notices.js";
import { formatCount, formatMoney } from "../handoff/formats.js";
import { createTask } from "../tasks/create-task.js";
import { activeUser, activeUsersWithRole, emailsOf } from "../trials/recipients.js";
import { queueEmail } from "../trials/queue-email.js";
import { addDays, daysBetween } from "../usage/days.js";
import { storedResult } from "../health/stored-result.js";

export const OPEN_RULE_ID = "R1.open-cycle";

/** The renewal's page in the web app (emails, task descriptions). */
export const renewalUrl = (ctx: Pick<AppContext, "config">, id: string): string => appUrl(ctx.config, `/renewals/${encodeURIComponent(id)}`);

/** Is the account one whose renewals we run: an in-book customer (pack accounts.types.customer), not archived? */
export function isRenewingCustomer(ctx: AppContext, a: Pick<AccountRow, "archived_at" | "in_book_at" | "account_type">): boolean {
  return a.archived_at === null && a.in_book_at !== null && a.account_type === ctx.packs.current().accounts.types.customer;
}

/** The account's current health for the Health Assessment: score, band and explanation (one sentence list), read once. */
async function healthToday(trx: Transaction<Database>, ctx: AppContext, account: AccountRow): Promise<{ score: string; band: string; explanation: string }> {
  const row = await trx
    .selectFrom("account_health")
    .select(["score", "band", "model", "pack_version", "inputs", "result"])
    .where("account_id", "=", account.id)
    .executeTakeFirst();
  return {
    score: row?.score == null ? NOT_SET : String(Number(row.score)),
    band: row?.band ?? NOT_SET,
    explanation: row ? (storedResult(ctx.packs, row, account)?.explanation.join(" ") ?? "") : "",
  };
}

/**
 * R1: opens the renewal cycle of the account's current renewal date (contract_end), once:
 * the cycle row (ARR at opening), the Health Assessment doc from its template, the TA's task
 * (else the TA team's) due pack renewals.assessmentDueDays later naming the AE, the
 * renewalAssessmentAssigned email to the TA cc the AE, and "renewal.opened" on the account's
 * timeline. Used by the daily rule and by processing (R5) when the next renewal is already
 * near. Returns the cycle id, or null when there is nothing to open (no date, not a renewing
 * customer, already opened). Uses only `trx`; the caller holds the account's row lock.
 */
export async function openCycle(trx: Transaction<Database>, ctx: AppContext, account: AccountRow, actor: Actor): Promise<string | null> {
  if (!account.contract_end || !isRenewingCustomer(ctx, account)) return null;
  const existing = await trx.selectFrom("renewal_cycles").select("id").where("account_id", "=", account.id).where("renewal_date", "=", account.contract_end).executeTakeFirst();
  if (existing) return null;
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const today = utcDateKey(now);
  const renewalDate = account.contract_end;
  const id = randomUUID();
  await trx
    .insertInto("renewal_cycles")
    .values({ id, account_id: account.id, renewal_date: renewalDate, status: "open", opened_at: now, arr_at_open: account.arr, updated_at: now })
    .execute();

  const [ta, ae, ce] = [await activeUser(trx, account.ta_user_id), await activeUser(trx, account.ae_user_id), await activeUser(trx, account.ce_user_id)];
  const health = await healthToday(trx, ctx, account);
  const arr = account.arr === null ? NOT_SET : formatMoney(account.arr);
  const doc = await createDoc(trx, ctx, {
    accountId: account.id,
    template: "healthAssessment",
    vars: {
      account: account.name,
      renewalDate,
      arr,
      seats: account.seats === null ? NOT_SET : formatCount(account.seats),
      segment: account.segment ?? NOT_SET,
      taName: ta?.name ?? NOT_SET,
      aeName: ae?.name ?? NOT_SET,
      ceName: ce?.name ?? NOT_SET,
      healthScore: health.score,
      healthBand: health.band,
      healthExplanation: health.explanation,
    },
    sourceKey: `${OPEN_RULE_ID}:${id}:assessment`,
    actor,
  });
  const docUrl = appUrl(ctx.config, `/docs/${doc.id}`);
  const url = renewalUrl(ctx, id);
  const dueOn = addDays(today, pack.renewals.assessmentDueDays);
  const task = await createTask(trx, ctx, {
    title: `Health Assessment: ${account.name}`,
    description: `Complete the Health Assessment (${docUrl}) with ${ae ? `${ae.name} (AE)` : "the AE"}, rate the renewal green, yellow or red and review it with your manager. Renewal date: ${renewalDate}. Renewal: ${url}`,
    assigneeUserId: ta?.id ?? null,
    team: ta ? null : "ta",
    dueOn,
    accountId: account.id,
    source: OPEN_RULE_ID,
    sourceKey: `${OPEN_RULE_ID}:${id}:task`,
    notifyAssignee: false,
    actor,
  });
  await trx.updateTable("renewal_cycles").set({ assessment_doc_id: doc.id, assessment_task_id: task.id }).where("id", "=", id).execute();
  await recordAccountChange(trx, ctx, {
    accountId: account.id,
    actor,
    action: "renewal.opened",
    summary: `Renewal cycle opened for ${renewalDate} (ARR ${arr}): Health Assessment due ${dueOn}`,
    data: { renewalId: id, renewalDate, arrAtOpen: account.arr, assessmentDocId: doc.id, assessmentTaskId: task.id },
  });
  // Without a TA the TA team shares the task, and each of them hears about it.
  const recipients = ta ? [ta] : await activeUsersWithRole(trx, ["ta"]);
  for (const person of recipients) {
    await queueEmail(trx, ctx, {
      template: "renewalAssessmentAssigned",
      to: [person.email],
      cc: emailsOf([ae]),
      vars: { name: person.name, account: account.name, days: daysBetween(today, renewalDate), renewalDate, arr, aeName: ae?.name ?? NOT_SET, dueOn, docUrl, renewalUrl: url },
      idempotencyKey: `${OPEN_RULE_ID}:${id}:assigned:${person.id}`,
      subject: { type: ACCOUNT_SUBJECT, id: account.id },
      actor,
    });
  }
  return id;
}
