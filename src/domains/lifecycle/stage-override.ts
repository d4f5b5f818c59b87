import type { AppContext } from "../../platform/app/context.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { refuseArchived, requireInBook } from "../handoff/account-guards.js";
import { evaluateAccountStage } from "./evaluate-stage.js";
import { setStage } from "./set-stage.js";
import { overrideReason } from "./stage-plan.js";
import { STAGE_KEYS, stageKeyOf } from "./stage-rules.js";

export interface SetStageOverrideOptions {
  accountId: string;
  /** A stage key ("adopting") or the pack's name ("2. Adopting"). */
  stage: string;
  reason: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * L: a person sets the stage by hand (who, why, when are kept). The override is the stage in
 * force until it is cleared; the daily evaluation keeps measuring usage meanwhile.
 */
export async function setStageOverride(ctx: AppContext, o: SetStageOverrideOptions): Promise<void> {
  const pack = ctx.packs.current();
  const key = stageKeyOf(pack, o.stage);
  if (!key) throw invalidField("stage", `must be one of ${STAGE_KEYS.map((k) => `${k} (${pack.lifecycle.stages[k]})`).join(", ")}`);
  const reason = o.reason.trim();
  if (reason === "") throw invalidField("reason", "is required: say why the stage is set by hand");
  const name = pack.lifecycle.stages[key];
  await ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    refuseArchived(account);
    requireInBook(account);
    const now = ctx.clock.now();
    const by = actorColumns(o.actor).actor_label;
    await trx
      .updateTable("accounts")
      .set({ stage_override: name, stage_override_reason: reason, stage_override_by: by, stage_override_at: now, updated_at: now })
      .where("id", "=", account.id)
      .execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.stage_override_set",
      summary: `Stage set by hand to ${name}: ${reason}`,
      data: { stage: name, previousOverride: account.stage_override },
      reason,
      requestId: o.requestId,
    });
    await setStage(trx, ctx, account, { name, reason: overrideReason(by, reason) }, o.actor, { manual: true, requestId: o.requestId });
  });
}

export interface ClearStageOverrideOptions {
  accountId: string;
  actor: Actor;
  requestId?: string | undefined;
}

/** L: clears the manual stage; the computed stage applies again at once. Clearing when none is set changes nothing. */
export async function clearStageOverride(ctx: AppContext, o: ClearStageOverrideOptions): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    refuseArchived(account);
    if (account.stage_override === null) return;
    const now = ctx.clock.now();
    await trx
      .updateTable("accounts")
      .set({ stage_override: null, stage_override_reason: null, stage_override_by: null, stage_override_at: null, updated_at: now })
      .where("id", "=", account.id)
      .execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.stage_override_cleared",
      summary: `Manual stage ${account.stage_override} cleared: the computed stage applies again`,
      data: { stage: account.stage_override, reason: account.stage_override_reason, by: account.stage_override_by },
      requestId: o.requestId,
    });
    await evaluateAccountStage(trx, ctx, account.id, o.actor, { refreshReason: true, requestId: o.requestId });
  });
}
