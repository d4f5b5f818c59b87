import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordAccountChange } from "../accounts/account-records.js";
import type { AccountRow } from "../accounts/schema.js";

export interface StageToSet {
  /** The pack's display name ("1. Onboarding"). */
  name: string;
  reason: string;
}

export interface SetStageOptions {
  /** A person chose the stage (override): marked in the history. */
  manual?: boolean | undefined;
  /** Rewrite stage_reason even when the stage stays (an override set or cleared on the same stage). */
  refreshReason?: boolean | undefined;
  requestId?: string | undefined;
}

export const stageSummary = (from: string | null, to: string, reason: string): string => `Stage ${from ?? "none"} → ${to}: ${reason}`;

/**
 * The one writer of an account's stage: stage, reason and since, a history row, and the change
 * on the timeline and audit log, only when the stage moves. Returns whether it moved. The
 * caller holds the account's row lock. Uses only `trx`.
 */
export async function setStage(
  trx: Transaction<Database>,
  ctx: AppContext,
  account: Pick<AccountRow, "id" | "stage" | "stage_reason">,
  stage: StageToSet,
  actor: Actor,
  options: SetStageOptions = {},
): Promise<boolean> {
  const now = ctx.clock.now();
  if (account.stage === stage.name) {
    if ((options.manual || options.refreshReason) && account.stage_reason !== stage.reason) {
      await trx.updateTable("accounts").set({ stage_reason: stage.reason, updated_at: now }).where("id", "=", account.id).execute();
    }
    return false;
  }
  await trx
    .updateTable("accounts")
    .set({ stage: stage.name, stage_reason: stage.reason, stage_since: now, updated_at: now })
    .where("id", "=", account.id)
    .execute();
  const who = actorColumns(actor);
  await trx
    .insertInto("account_stage_history")
    .values({
      account_id: account.id,
      at: now,
      from_stage: account.stage,
      to_stage: stage.name,
      reason: stage.reason,
      manual: options.manual ?? false,
      actor_label: who.actor_label,
      rule_id: who.rule_id,
      pack_version: who.pack_version,
    })
    .execute();
  await recordAccountChange(trx, ctx, {
    accountId: account.id,
    actor,
    action: "account.stage_changed",
    summary: stageSummary(account.stage, stage.name, stage.reason),
    data: { from: account.stage, to: stage.name, reason: stage.reason, manual: options.manual ?? false },
    requestId: options.requestId,
  });
  return true;
}
