import type { AppContext } from "../../platform/app/context.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { approveLead } from "./approve-lead.js";
import { disqualifyLead } from "./disqualify-lead.js";
import { unqualifyLead } from "./unqualify-lead.js";

export type QualificationDecision = "approve" | "disqualify" | "unqualify";

export interface DecideQualificationOptions {
  leadId: string;
  decision: QualificationDecision;
  slug?: string | null | undefined;
  /** Disqualify: optional reason. Un-qualify: the required T4.3 comment. */
  reason?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** The SDR's one action on a lead (T4.1, T4.2, T4.3), all-or-nothing in one transaction. */
export async function decideQualification(ctx: AppContext, o: DecideQualificationOptions): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const lead = await trx.selectFrom("leads").selectAll().where("id", "=", o.leadId).forUpdate().executeTakeFirst();
    if (!lead) throw notFound("Lead", o.leadId);
    const reason = o.reason?.trim() || undefined;
    switch (o.decision) {
      case "approve":
        await approveLead(trx, ctx, { lead, actor: o.actor, slug: o.slug, requestId: o.requestId });
        return;
      case "disqualify":
        await disqualifyLead(trx, ctx, { lead, actor: o.actor, reason, requestId: o.requestId });
        return;
      case "unqualify":
        if (!reason) {
          throw new AppError("validation_failed", "reason: un-qualifying needs a comment for the cloud team (T4.3).", {
            details: { issues: [{ path: ["body", "reason"], message: "is required to un-qualify (T4.3)" }] },
          });
        }
        await unqualifyLead(trx, ctx, { lead, actor: o.actor, comment: reason, requestId: o.requestId });
        return;
      default: {
        const unreachable: never = o.decision;
        throw new AppError("validation_failed", `unknown decision ${String(unreachable)}`);
      }
    }
  });
  ctx.notifyOutbox();
}
