import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { invalidField } from "../../platform/errors/app-error.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { accountDomains } from "../accounts/account-domains.js";
import { ACCOUNT_SUBJECT, lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { valuesOf, type AccountValues } from "../accounts/account-values.js";
import { patchAccount } from "../accounts/account-writes.js";
import type { AccountRow } from "../accounts/schema.js";
import { postMortemDocKey } from "../churn/on-churn.js";
import { createDoc } from "../docs/create-doc.js";
import { formatMoney } from "../handoff/formats.js";
import { createTask } from "../tasks/create-task.js";
import { activeUser, activeUsersWithRole } from "../trials/recipients.js";
import { queueEmail } from "../trials/queue-email.js";
import { addDays, dayOf } from "../usage/days.js";
import { actorLabel, assertOpen, lockCycle } from "./cycle-records.js";
import { openCycle } from "./open-cycle.js";
import { arrForOutcome } from "./renewal-math.js";
import { getRenewal, type RenewalDetail } from "./renewal-view.js";
import type { RenewalCycleRow, RenewalOutcome } from "./schema.js";

export const PROCESS_RULE_ID = "R5.process";
export const PROCESS_NOTE_MAX = 5000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ProcessRenewalOptions {
  id: string;
  outcome: RenewalOutcome;
  renewedArr?: number | undefined;
  contractStart?: string | undefined;
  contractEnd?: string | undefined;
  seats?: number | undefined;
  note?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

const realDay = (d: string): boolean => DAY.test(d) && utcDateKey(new Date(`${d}T00:00:00Z`)) === d;

/**
 * R5: the renewal is processed. The cycle closes with the outcome; the account changes through
 * the account writes (segmentation and stage run again): a full churn makes it attrited (C2:
 * it leaves the book) with ARR 0; otherwise the renewed ARR, the new contract dates and the
 * seats when given. Churn (full, or partial with seats dropped) losing more than pack
 * renewals.churnRetroArrOver ARR needs a churn retro (X): the doc, the AE's task and
 * churnRetroNeeded. When the new renewal date is already within pack
 * renewals.startDaysBeforeRenewal days, the next cycle opens at once (R1).
 */
export async function processRenewal(ctx: AppContext, o: ProcessRenewalOptions): Promise<RenewalDetail> {
  const note = (o.note ?? "").trim();
  if (note.length > PROCESS_NOTE_MAX) throw invalidField("note", `must be at most ${PROCESS_NOTE_MAX} characters`);
  const fullChurn = o.outcome === "full_churn";
  return ctx.db.transaction().execute(async (trx) => {
    const cycle = await lockCycle(trx, o.id);
    assertOpen(cycle);
    const account = await lockAccount(trx, cycle.account_id);
    if (!account) throw new Error(`renewal ${cycle.id} has no account`);
    const arrBefore = account.arr === null ? 0 : Number(account.arr);
    const checked = arrForOutcome(o.outcome, o.renewedArr, arrBefore);
    if ("problem" in checked) throw invalidField("renewedArr", checked.problem);
    if (!fullChurn) checkDates(o, cycle);
    if (o.seats !== undefined && (!Number.isInteger(o.seats) || o.seats < 0)) throw invalidField("seats", "must be a whole number of at least 0");

    const at = ctx.clock.now();
    await trx
      .updateTable("renewal_cycles")
      .set({
        status: "processed",
        outcome: o.outcome,
        renewed_arr: checked.arr,
        next_contract_start: fullChurn ? null : (o.contractStart ?? null),
        next_contract_end: fullChurn ? null : (o.contractEnd ?? null),
        process_note: note || null,
        processed_by: actorLabel(o.actor),
        processed_at: at,
        updated_at: at,
      })
      .where("id", "=", cycle.id)
      .execute();
    const pack = ctx.packs.current();
    const label = pack.renewals.outcomeLabels[o.outcome];
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "renewal.processed",
      summary: fullChurn
        ? `Renewal ${cycle.renewal_date} processed: ${label} (${formatMoney(arrBefore)} ARR lost)${note ? `: ${note}` : ""}`
        : `Renewal ${cycle.renewal_date} processed: ${label}, ARR ${formatMoney(arrBefore)} → ${formatMoney(checked.arr)}, new contract ${o.contractStart ?? ""} to ${o.contractEnd ?? ""}${note ? `: ${note}` : ""}`,
      data: { renewalId: cycle.id, outcome: o.outcome, arrBefore, renewedArr: checked.arr, contractStart: o.contractStart ?? null, contractEnd: o.contractEnd ?? null, seats: o.seats ?? null, note: note || null },
      requestId: o.requestId,
    });

    const before = valuesOf(account, await accountDomains(trx, account.id, account.domain));
    const after: AccountValues = fullChurn
      ? { ...before, accountType: pack.accounts.types.attrited, arr: 0 }
      : { ...before, arr: checked.arr, contractStart: o.contractStart ?? before.contractStart, contractEnd: o.contractEnd ?? before.contractEnd, seats: o.seats ?? before.seats };
    await patchAccount(trx, ctx, account, before, after, { actor: o.actor, requestId: o.requestId });

    const seatsDropped = o.seats !== undefined && account.seats !== null && o.seats < account.seats;
    const arrLost = arrBefore - checked.arr;
    if ((fullChurn || (o.outcome === "partial_churn" && seatsDropped)) && arrLost > pack.renewals.churnRetroArrOver) {
      await startChurnRetro(trx, ctx, { account, cycle, outcome: o.outcome, arrBefore, arrAfter: checked.arr, actor: o.actor });
    }

    if (!fullChurn) {
      const renewed = await lockAccount(trx, account.id);
      const today = utcDateKey(ctx.clock.now());
      if (renewed?.contract_end && renewed.contract_end <= addDays(today, pack.renewals.startDaysBeforeRenewal)) await openCycle(trx, ctx, renewed, o.actor);
    }
    return getRenewal(ctx, cycle.id, trx);
  });
}

function checkDates(o: ProcessRenewalOptions, cycle: RenewalCycleRow): void {
  if (o.contractStart === undefined || !realDay(o.contractStart)) throw invalidField("contractStart", "is required: the new contract's first day, like 2027-01-01");
  if (o.contractEnd === undefined || !realDay(o.contractEnd)) throw invalidField("contractEnd", "is required: the new contract's last day (the next renewal date), like 2027-12-31");
  if (o.contractEnd <= o.contractStart) throw invalidField("contractEnd", `must be after contractStart ${o.contractStart}`);
  if (o.contractEnd <= cycle.renewal_date) throw invalidField("contractEnd", `must be after the renewal date ${cycle.renewal_date}`);
}

/** X: a churn retro for churn over the pack's line: the doc from its template, the AE's task and churnRetroNeeded. Uses only `trx`. */
async function startChurnRetro(
  trx: Transaction<Database>,
  ctx: AppContext,
  c: { account: AccountRow; cycle: RenewalCycleRow; outcome: RenewalOutcome; arrBefore: number; arrAfter: number; actor: Actor },
): Promise<void> {
  const pack = ctx.packs.current();
  const label = pack.renewals.outcomeLabels[c.outcome];
  const key = `${PROCESS_RULE_ID}:${c.cycle.id}:churn-retro`;
  const arrLost = formatMoney(c.arrBefore - c.arrAfter);
  const threshold = formatMoney(pack.renewals.churnRetroArrOver);
  const ae = await activeUser(trx, c.account.ae_user_id);
  // A full churn made the account attrited, and the churn (C5, churn/on-churn.ts) created the
  // post-mortem from the same churnRetro template with the AE's task in this transaction:
  // that doc is the retro. A partial churn has no post-mortem, so the retro starts here.
  const postMortem = await trx
    .selectFrom("docs")
    .select("id")
    .where("source_key", "=", postMortemDocKey(c.account.id, dayOf(ctx.clock.now())))
    .executeTakeFirst();
  let docId: string;
  if (c.outcome === "full_churn" && postMortem) {
    docId = postMortem.id;
  } else {
    const doc = await createDoc(trx, ctx, {
      accountId: c.account.id,
      template: "churnRetro",
      vars: { account: c.account.name, outcome: label, arrBefore: formatMoney(c.arrBefore), arrAfter: formatMoney(c.arrAfter), renewalDate: c.cycle.renewal_date },
      sourceKey: key,
      actor: c.actor,
    });
    docId = doc.id;
    await createTask(trx, ctx, {
      title: `Churn retro: ${c.account.name}`,
      description: `${c.account.name} was processed as ${label} (${arrLost} ARR lost, over ${threshold}). Write the churn retro (${appUrl(ctx.config, `/docs/${doc.id}`)}), categorise it (closed-lost category and reason), have it reviewed and share it.`,
      assigneeUserId: ae?.id ?? null,
      team: ae ? null : "ae",
      accountId: c.account.id,
      source: PROCESS_RULE_ID,
      sourceKey: `${key}:task`,
      notifyAssignee: false,
      actor: c.actor,
    });
  }
  const docUrl = appUrl(ctx.config, `/docs/${docId}`);
  await recordAccountChange(trx, ctx, {
    accountId: c.account.id,
    actor: c.actor,
    action: "renewal.churn_retro_needed",
    summary: `Churn retro needed: ${arrLost} ARR lost (over ${threshold})`,
    data: { renewalId: c.cycle.id, docId, arrLost: c.arrBefore - c.arrAfter },
  });
  for (const person of ae ? [ae] : await activeUsersWithRole(trx, ["ae"])) {
    await queueEmail(trx, ctx, {
      template: "churnRetroNeeded",
      to: [person.email],
      vars: { name: person.name, account: c.account.name, outcome: label, arrLost, threshold, docUrl },
      idempotencyKey: `${key}:${person.id}`,
      subject: { type: ACCOUNT_SUBJECT, id: c.account.id },
      actor: c.actor,
    });
  }
}
