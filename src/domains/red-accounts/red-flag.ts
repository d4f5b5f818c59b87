import type { AppContext } from "../../platform/app/context.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { readHealthView, type HealthView } from "../health/health-view.js";
import { recomputeAccountHealth } from "../health/recompute.js";

export const RED_FLAG_REASON_MAX = 2000;

export interface RedFlagOptions {
  accountId: string;
  /** Why ("champion left"); shown on the tracker, the alert and the timeline. */
  reason: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * S3: a person (AE, CE, TA) marks an account red whatever its score. The flag, its timeline
 * entry and the recomputed health commit together; the band change it causes opens the tracker
 * (trigger "manual") through applyBandChanges. Setting it again updates the reason.
 */
export async function setRedFlag(ctx: AppContext, o: RedFlagOptions): Promise<HealthView> {
  const reason = o.reason.trim();
  return ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    const by = actorColumns(o.actor).actor_label;
    const again = account.health_red_flag_reason !== null;
    await trx
      .updateTable("accounts")
      .set({ health_red_flag_reason: reason, health_red_flag_by: by, health_red_flag_at: ctx.clock.now(), updated_at: ctx.clock.now() })
      .where("id", "=", account.id)
      .execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: again ? "account.red_flag_updated" : "account.red_flag_set",
      summary: `${again ? "Red flag reason changed" : "Marked red"}: ${reason}`,
      data: { reason, previousReason: account.health_red_flag_reason },
      reason,
      requestId: o.requestId,
    });
    await recomputeAccountHealth(trx, ctx, account.id, o.actor, "red-flag");
    const view = await readHealthView(trx, ctx.packs, account.id);
    if (!view) throw notFound("Account", account.id);
    return view;
  });
}

/**
 * S3: clears a person's red flag; the score's own band applies again, and when that is yellow
 * or green the open tracker resolves (via the band change). 409 not_flagged without a flag.
 */
export async function clearRedFlag(ctx: AppContext, o: RedFlagOptions): Promise<HealthView> {
  const reason = o.reason.trim();
  return ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    if (account.health_red_flag_reason === null) {
      throw new AppError("not_flagged", `${account.name} is not marked red: there is no red flag to clear.`, { details: { accountId: account.id } });
    }
    await trx
      .updateTable("accounts")
      .set({ health_red_flag_reason: null, health_red_flag_by: null, health_red_flag_at: null, updated_at: ctx.clock.now() })
      .where("id", "=", account.id)
      .execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.red_flag_cleared",
      summary: `Red flag cleared: ${reason}`,
      data: { reason, previousReason: account.health_red_flag_reason },
      reason,
      requestId: o.requestId,
    });
    await recomputeAccountHealth(trx, ctx, account.id, o.actor, "red-flag");
    const view = await readHealthView(trx, ctx.packs, account.id);
    if (!view) throw notFound("Account", account.id);
    return view;
  });
}
