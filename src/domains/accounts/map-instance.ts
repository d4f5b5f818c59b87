import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { evaluateAccountStage } from "../lifecycle/evaluate-stage.js";
import { lockAccount, recordAccountChange } from "./account-records.js";

export interface MapInstanceOptions {
  accountId: string;
  instanceId: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * Says which account an instance belongs to (its usage then counts for the account). An
 * instance mapped to another account moves; both accounts' timelines say so.
 */
export async function mapInstanceToAccount(ctx: AppContext, o: MapInstanceOptions): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    const instance = await trx.selectFrom("instances").select(["id", "slug", "account_id"]).where("id", "=", o.instanceId).forUpdate().executeTakeFirst();
    if (!instance) throw notFound("Instance", o.instanceId);
    if (instance.account_id === account.id) return;
    const now = ctx.clock.now();
    await trx.updateTable("instances").set({ account_id: account.id, updated_at: now }).where("id", "=", instance.id).execute();
    const previous = instance.account_id ? await trx.selectFrom("accounts").select(["id", "name"]).where("id", "=", instance.account_id).executeTakeFirst() : undefined;
    const data = { instanceId: instance.id, slug: instance.slug, fromAccountId: instance.account_id };
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.instance_mapped",
      summary: `Instance ${instance.slug} mapped to this account${previous ? ` (moved from ${previous.name})` : ""}`,
      data,
      requestId: o.requestId,
    });
    if (previous) {
      await recordAccountChange(trx, ctx, {
        accountId: previous.id,
        actor: o.actor,
        action: "account.instance_unmapped",
        summary: `Instance ${instance.slug} moved to account ${account.name}`,
        data: { ...data, toAccountId: account.id },
        requestId: o.requestId,
      });
    }
    // The instance's usage now counts for this account (and no longer for the previous one): L at once, not at the next daily run.
    await evaluateAccountStage(trx, ctx, account.id, o.actor, { requestId: o.requestId });
    if (previous) await evaluateAccountStage(trx, ctx, previous.id, o.actor, { requestId: o.requestId });
  });
}
