import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import type { TaskRow } from "../accounts/schema.js";
import { lockAccount } from "../accounts/account-records.js";
import { createTask } from "../tasks/create-task.js";
import { activeUser } from "../trials/recipients.js";
import { addDays, dayOf } from "../usage/days.js";
import { accountUrl, NOT_SET } from "./account-notices.js";
import { formatCount } from "./formats.js";

/** The H3 playbook's CE task: completing it means the knowledge transfer happened. */
export const KNOWLEDGE_TRANSFER_SOURCE = "H3.handoff";
const ID = "H4.after-knowledge-transfer";

/**
 * H4: when the CE completes the hand-off task (the knowledge transfer happened), the TA gets the
 * next step, due in pack handoff.afterKnowledgeTransferDueDays days: with implementation
 * engineering involved (an IE on the account), introduce the TPM; otherwise plan the kickoff
 * (seats purchased, team locations, onboarding contacts). Once per account (source key), so
 * reopening and completing the task again changes nothing. Uses only `trx`.
 */
export async function afterKnowledgeTransfer(trx: Transaction<Database>, ctx: AppContext, task: Pick<TaskRow, "source" | "account_id">, actor: Actor): Promise<void> {
  if (task.source !== KNOWLEDGE_TRANSFER_SOURCE || !task.account_id) return;
  const account = await lockAccount(trx, task.account_id);
  if (!account || account.archived_at) return;
  const ta = await activeUser(trx, account.ta_user_id);
  const dueOn = addDays(dayOf(ctx.clock.now()), ctx.packs.current().handoff.afterKnowledgeTransferDueDays);
  const url = accountUrl(ctx, account.id);
  const contacts = await trx
    .selectFrom("contacts")
    .select(["name"])
    .where("account_id", "=", account.id)
    .orderBy("name")
    .limit(10)
    .execute();
  const contactList = contacts.length > 0 ? contacts.map((c) => c.name).join(", ") : "none recorded yet";
  const seats = account.seats === null ? NOT_SET : formatCount(account.seats);

  const withIe = account.ie_user_id !== null;
  const tpm = withIe ? await activeUser(trx, account.tpm_user_id) : null;
  await createTask(trx, ctx, {
    title: withIe ? `Introduce the TPM to ${account.name}` : `Plan the kickoff with ${account.name}`,
    description: withIe
      ? `The knowledge transfer is done and implementation engineering is involved: introduce ${tpm ? tpm.name : "the TPM (none assigned on the account yet)"} to ${account.name}'s onboarding contacts (${contactList}). ${url}`
      : `The knowledge transfer is done: plan the kickoff. Seats purchased: ${seats}. Team locations: ask and note them. Onboarding contacts: ${contactList}. ${url}`,
    assigneeUserId: ta?.id ?? null,
    team: ta ? null : "ta",
    dueOn,
    accountId: account.id,
    source: ID,
    sourceKey: `${ID}:${account.id}`,
    actor,
  });
}
