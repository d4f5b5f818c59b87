import type { AppContext } from "../../platform/app/context.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { requestProvisioning } from "./request-provisioning.js";
import type { TrialRow } from "./schema.js";
import { recordTrialChange } from "./trial-records.js";

/** Sends a failed provisioning request again (a new attempt; the SLA clock keeps running from signup). */
export async function retryProvisioning(ctx: AppContext, o: { trialId: string; actor: Actor; requestId?: string | undefined }): Promise<TrialRow> {
  const trial = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("trials").selectAll().where("id", "=", o.trialId).forUpdate().executeTakeFirst();
    if (!row) throw notFound("Trial", o.trialId);
    if (row.state !== "provisioning_failed" && row.state !== "provisioning") {
      throw new AppError("invalid_state", `Trial ${row.slug} is ${row.state}; only a trial waiting for its instance can be sent to the provisioner again.`);
    }
    return requestProvisioning(trx, ctx, { trial: row, actor: o.actor, requestId: o.requestId });
  });
  ctx.notifyOutbox();
  return trial;
}

/**
 * T6 "I'm taking it": a growth owner takes the trial. Taking one someone else owns needs
 * `reassign` (so two people clicking at once do not silently swap it).
 */
export async function assignTrial(ctx: AppContext, o: { trialId: string; userId: string; reassign: boolean; actor: Actor; requestId?: string | undefined }): Promise<TrialRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("trials").selectAll().where("id", "=", o.trialId).forUpdate().executeTakeFirst();
    if (!row) throw notFound("Trial", o.trialId);
    if (["cancelled", "terminated", "converted"].includes(row.state)) throw new AppError("invalid_state", `Trial ${row.slug} is ${row.state}; there is nothing to own.`);
    const user = await trx.selectFrom("users").select(["id", "name", "role", "active"]).where("id", "=", o.userId).executeTakeFirst();
    if (!user || !user.active) throw new AppError("validation_failed", "userId: no active user has this id.", { details: { issues: [{ path: ["body", "userId"], message: "is not an active user" }] } });
    if (row.growth_user_id === user.id) return row;
    if (row.growth_user_id && !o.reassign) {
      const owner = await trx.selectFrom("users").select("name").where("id", "=", row.growth_user_id).executeTakeFirst();
      throw new AppError("conflict", `${owner?.name ?? "Someone"} has taken this trial already; reassign explicitly to take it over.`);
    }
    const now = ctx.clock.now();
    const updated = await trx.updateTable("trials").set({ growth_user_id: user.id, updated_at: now }).where("id", "=", row.id).returningAll().executeTakeFirstOrThrow();
    await recordTrialChange(trx, ctx, { trial: row, actor: o.actor, action: "trial.assigned", summary: `${user.name} is taking this trial`, data: { from: row.growth_user_id, to: user.id }, requestId: o.requestId });
    return updated;
  });
}
