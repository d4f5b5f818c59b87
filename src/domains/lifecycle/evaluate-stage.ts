import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { lockAccount } from "../accounts/account-records.js";
import { accountUsage, usageSnapshot, type UsageSnapshot } from "./account-usage.js";
import { setStage } from "./set-stage.js";
import { planStage, stageInForce, type StagePlan } from "./stage-plan.js";

export interface EvaluateStageOptions {
  /** Rewrite the reason even when the stage stays (after an override is cleared). */
  refreshReason?: boolean | undefined;
  requestId?: string | undefined;
}

/**
 * L for one account, now: its usage over its active instances, the stage rules, and the
 * writes (usage snapshot, the L4 latch, the stage through setStage) that differ from the row.
 * Returns the plan, or null when the account is not in the book. Uses only `trx`; takes the
 * account's row lock.
 */
export async function evaluateAccountStage(
  trx: Transaction<Database>,
  ctx: AppContext,
  accountId: string,
  actor: Actor,
  options: EvaluateStageOptions = {},
): Promise<StagePlan | null> {
  const row = await lockAccount(trx, accountId);
  if (!row || row.in_book_at === null || row.archived_at !== null) return null;
  const usage = usageSnapshot((await accountUsage(trx, ctx, { accountId })).get(accountId), row.seats);
  const now = ctx.clock.now();
  const plan = planStage(ctx.packs.current(), row, usage, utcDateKey(now));
  if (!plan) return null;
  if (plan.usage !== undefined) await writeUsage(trx, accountId, plan.usage, now);
  if (plan.latchTargets) await trx.updateTable("accounts").set({ targets_met_at: now }).where("id", "=", accountId).where("targets_met_at", "is", null).execute();
  const inForce = stageInForce(row, plan.decision);
  await setStage(trx, ctx, row, inForce, actor, { refreshReason: options.refreshReason, requestId: options.requestId });
  return plan;
}

async function writeUsage(trx: Transaction<Database>, accountId: string, u: UsageSnapshot | null, now: Date): Promise<void> {
  await trx
    .updateTable("accounts")
    .set({
      usage_mau: u?.mau ?? null,
      usage_dau_avg: u?.dauAvg ?? null,
      usage_mau_per_seat: u?.mauPerSeat ?? null,
      usage_dau_per_mau: u?.dauPerMau ?? null,
      usage_at: u ? now : null,
    })
    .where("id", "=", accountId)
    .execute();
}
