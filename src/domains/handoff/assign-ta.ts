import type { AppContext } from "../../platform/app/context.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { ACCOUNT_SUBJECT, lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { queueEmail } from "../trials/queue-email.js";
import { activeUser } from "../trials/recipients.js";
import { refuseArchived } from "./account-guards.js";
import { accountVars, NOT_SET } from "./account-notices.js";

export interface AssignTaOptions {
  accountId: string;
  /** An active user with the role "ta". */
  taUserId: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * H3: TA leadership assigns the technical advisor; the TA is emailed (taAssigned). The hand-off
 * playbook (rules/handoff-playbook.ts) starts from ta_assigned_at or 35 days before close,
 * whichever is later. Assigning the same TA again changes nothing.
 */
export async function assignTa(ctx: AppContext, o: AssignTaOptions): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    refuseArchived(account);
    const ta = await activeUser(trx, o.taUserId);
    if (!ta || ta.role !== "ta") throw invalidField("taUserId", `no active technical advisor (role ta) has id ${o.taUserId}`);
    if (account.ta_user_id === ta.id) return;
    const previous = await activeUser(trx, account.ta_user_id);
    const now = ctx.clock.now();
    await trx.updateTable("accounts").set({ ta_user_id: ta.id, ta_assigned_at: now, updated_at: now }).where("id", "=", account.id).execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.ta_assigned",
      summary: `Technical advisor: ${ta.name}${account.ta_user_id ? ` (was ${previous?.name ?? "a former user"})` : ""}`,
      data: { from: account.ta_user_id, to: ta.id },
      requestId: o.requestId,
    });
    await queueEmail(trx, ctx, {
      template: "taAssigned",
      to: [ta.email],
      vars: { ...accountVars(ctx, account), name: ta.name, actor: actorColumns(o.actor).actor_label, segment: account.segment ?? NOT_SET },
      idempotencyKey: `H3.ta-assigned:account:${account.id}:${ta.id}:${now.toISOString()}`,
      subject: { type: ACCOUNT_SUBJECT, id: account.id },
      actor: o.actor,
    });
  });
}
