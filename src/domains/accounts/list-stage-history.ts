import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";

export interface StageHistoryEntry {
  at: Date;
  fromStage: string | null;
  toStage: string;
  reason: string;
  manual: boolean;
  /** Who moved it: a person's name, or "rule L.evaluate". */
  actor: string;
}

/** The account's stage moves (L), newest first, each with its reason. */
export async function listStageHistory(ctx: AppContext, accountId: string): Promise<{ items: StageHistoryEntry[] }> {
  const account = await ctx.db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", accountId);
  const rows = await ctx.db
    .selectFrom("account_stage_history")
    .select(["at", "from_stage", "to_stage", "reason", "manual", "actor_label"])
    .where("account_id", "=", accountId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .execute();
  return { items: rows.map((r) => ({ at: r.at, fromStage: r.from_stage, toStage: r.to_stage, reason: r.reason, manual: r.manual, actor: r.actor_label })) };
}
