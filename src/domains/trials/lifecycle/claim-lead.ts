import type { AppContext } from "../../../platform/app/context.js";
import { AppError, notFound } from "../../../platform/errors/app-error.js";
import type { Role } from "../../../platform/pack/pack-schema.js";
import type { Actor } from "../../../platform/timeline/actor.js";
import { recordChange } from "../../../platform/timeline/record.js";
import { ensureCompanyChannel } from "../../channels/ensure-company-channel.js";
import { statusName } from "../lead-status.js";
import { postTrialAlert } from "../trial-alerts.js";
import { recordTrialChange } from "../trial-records.js";
import { lockTrialOfLead } from "./lock-trial.js";
import { activeUser, idsOf } from "../recipients.js";
import { leadLink } from "./trial-vars.js";

export interface ClaimLeadOptions {
  leadId: string;
  /** Admin only: the AE to assign. An AE always claims for themselves. */
  aeUserId?: string | undefined;
  role: Role;
  /** The signed-in person (null for an API token). */
  userId: string | null;
  actor: Actor;
  requestId?: string | undefined;
}

const CLAIMERS: readonly string[] = ["ae", "admin"];

const invalidAe = (why: string) =>
  new AppError("validation_failed", `aeUserId: ${why}`, { details: { issues: [{ path: ["body", "aeUserId"], message: why }] } });

/**
 * T11 "an alert goes to #product-qualified-leads for an AE to pick up": the AE claims the PQL
 * (becomes the lead's AE) and joins the trial channel. First come, first served: a lead
 * claimed by another AE answers 409 already_claimed; an admin may reassign.
 */
export async function claimLead(ctx: AppContext, o: ClaimLeadOptions): Promise<{ leadId: string; aeUserId: string; channel: string }> {
  const pack = ctx.packs.current();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const lead = await trx.selectFrom("leads").selectAll().where("id", "=", o.leadId).forUpdate().executeTakeFirst();
    if (!lead) throw notFound("Lead", o.leadId);
    // AEs do not engage trials unless strategic or PQL (T11); a converted PQL can still be claimed.
    const claimable = [statusName(pack, "pql"), statusName(pack, "converted")];
    if (!claimable.includes(lead.status)) {
      throw new AppError("not_pql", `Only product-qualified leads are claimed (T11): this lead's status is "${lead.status}".`, {
        details: { status: lead.status, required: statusName(pack, "pql") },
      });
    }
    const isAdmin = o.role === "admin";
    if (!isAdmin && o.aeUserId !== undefined && o.aeUserId !== o.userId) throw new AppError("forbidden", "An AE claims a lead for themselves; an admin may assign another AE.");
    const targetId = (isAdmin ? o.aeUserId : undefined) ?? o.userId;
    if (!targetId) throw new AppError("forbidden", "Claiming needs a signed-in person (or an admin naming aeUserId).");
    const ae = await activeUser(trx, targetId);
    if (!ae) throw invalidAe("no active user has this id");
    if (!CLAIMERS.includes(ae.role)) throw invalidAe(`${ae.name} is ${ae.role}, not an AE`);
    if (lead.ae_user_id && lead.ae_user_id !== ae.id && !isAdmin) {
      const owner = await activeUser(trx, lead.ae_user_id);
      throw new AppError("already_claimed", `${owner?.name ?? "Another AE"} claimed this lead already; ask an admin to reassign it.`, {
        details: { aeUserId: lead.ae_user_id },
      });
    }
    const records = await lockTrialOfLead(trx, lead.id);
    if (lead.ae_user_id !== ae.id) {
      const now = ctx.clock.now();
      await trx.updateTable("leads").set({ ae_user_id: ae.id, updated_at: now }).where("id", "=", lead.id).execute();
      const summary = `Claimed by ${ae.name} (AE)`;
      const data = { from: lead.ae_user_id, to: ae.id };
      if (records) await recordTrialChange(trx, ctx, { trial: records.trial, actor: o.actor, action: "lead.claimed", summary, data, requestId: o.requestId });
      else await recordChange(trx, { actor: o.actor, action: "lead.claimed", summary, subject: { type: "lead", id: lead.id }, at: now, data, requestId: o.requestId });
      await postTrialAlert(trx, ctx, {
        feed: "productQualifiedLeads",
        text: `${ae.name} claimed the PQL ${lead.company}. ${leadLink(ctx, lead.id)}`,
        subject: { type: "lead", id: lead.id },
        actor: o.actor,
        idempotencyKey: `T11.claim:lead:${lead.id}:${ae.id}`,
      });
    }
    const ce = await activeUser(trx, lead.ce_user_id);
    const growth = await activeUser(trx, records?.trial.growth_user_id ?? null);
    const channel = await ensureCompanyChannel(trx, ctx, {
      company: lead.company,
      subject: { type: "lead", id: lead.id },
      memberUserIds: idsOf([ae, ce, growth]),
      actor: o.actor,
    });
    return { leadId: lead.id, aeUserId: ae.id, channel: channel.name };
  });
  ctx.notifyOutbox();
  return result;
}
