import type { AppContext } from "../../platform/app/context.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { evaluateAccountStage } from "../lifecycle/evaluate-stage.js";
import { refuseArchived } from "./account-guards.js";
import { applySegmentation } from "./segmentation.js";

export interface SetSupportLevelOptions {
  accountId: string;
  /** One of pack accounts.taSupportLevels. */
  level: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * H1: TA leadership sets the account's TA support level. The first time, the account enters the
 * customer-success book (in_book_at) and so its stage (L1 `0. Prospect` until close) and its
 * H2 segment. Setting the same level again changes nothing.
 */
export async function setSupportLevel(ctx: AppContext, o: SetSupportLevelOptions): Promise<void> {
  const levels = ctx.packs.current().accounts.taSupportLevels;
  const level = o.level.trim();
  if (!levels.includes(level)) throw invalidField("level", `must be one of ${levels.join(", ")}`);
  await ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    refuseArchived(account);
    if (account.ta_support_level === level) return;
    const now = ctx.clock.now();
    const entering = account.in_book_at === null;
    await trx
      .updateTable("accounts")
      .set({ ta_support_level: level, ta_support_level_at: now, in_book_at: account.in_book_at ?? now, updated_at: now })
      .where("id", "=", account.id)
      .execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.support_level_set",
      summary: `TA support level ${account.ta_support_level ? `${account.ta_support_level} → ` : ""}${level}${entering ? "; the account enters the customer-success book" : ""}`,
      data: { from: account.ta_support_level, to: level, enteredBook: entering },
      requestId: o.requestId,
    });
    await applySegmentation(trx, ctx, account.id, o.actor);
    await evaluateAccountStage(trx, ctx, account.id, o.actor, { requestId: o.requestId });
  });
}
