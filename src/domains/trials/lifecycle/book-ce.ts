import type { AppContext } from "../../../platform/app/context.js";
import { AppError, notFound } from "../../../platform/errors/app-error.js";
import type { Actor } from "../../../platform/timeline/actor.js";
import { recordChange } from "../../../platform/timeline/record.js";
import { ensureCompanyChannel } from "../../channels/ensure-company-channel.js";
import { queueEmail } from "../queue-email.js";
import { recordTrialChange } from "../trial-records.js";
import { lockTrialOfLead, timeText } from "./lock-trial.js";
import { activeUser, emailsOf, idsOf, ownerOrRole } from "../recipients.js";
import { leadLink } from "./trial-vars.js";

export interface BookCeOptions {
  leadId: string;
  /** When the trial user booked the meeting for. */
  bookedFor: Date;
  /** The CE to schedule (becomes the lead's CE); default: the lead's CE if it has one. */
  ceUserId?: string | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

const invalidCe = (why: string) =>
  new AppError("validation_failed", `ceUserId: ${why}`, { details: { issues: [{ path: ["body", "ceUserId"], message: why }] } });

/**
 * T8: a trial user booked time with a CE. The booking is recorded on the lead, the SDR owning
 * the lead (else the SDR team) is emailed to schedule the CE, and the trial channel is created
 * if missing, with the AE and CE (as T4.1).
 */
export async function bookCe(ctx: AppContext, o: BookCeOptions): Promise<{ leadId: string; ceUserId: string | null; bookedFor: string; channel: string }> {
  const result = await ctx.db.transaction().execute(async (trx) => {
    const lead = await trx.selectFrom("leads").selectAll().where("id", "=", o.leadId).forUpdate().executeTakeFirst();
    if (!lead) throw notFound("Lead", o.leadId);
    let ce = await activeUser(trx, lead.ce_user_id);
    if (o.ceUserId !== undefined) {
      ce = await activeUser(trx, o.ceUserId);
      if (!ce) throw invalidCe("no active user has this id");
      if (ce.role !== "ce") throw invalidCe(`${ce.name} is ${ce.role}, not a customer engineer`);
    }
    const now = ctx.clock.now();
    await trx
      .updateTable("leads")
      .set({ ce_booked_at: now, ce_booked_for: o.bookedFor, ...(ce ? { ce_user_id: ce.id } : {}), updated_at: now })
      .where("id", "=", lead.id)
      .execute();
    const pack = ctx.packs.current();
    const ceName = ce?.name ?? pack.roles.ce.label;
    const summary = `Booked time with ${ceName} for ${timeText(o.bookedFor)}`;
    const data = { bookedFor: o.bookedFor.toISOString(), ceUserId: ce?.id ?? null, previousCeUserId: lead.ce_user_id };
    const records = await lockTrialOfLead(trx, lead.id);
    if (records) await recordTrialChange(trx, ctx, { trial: records.trial, actor: o.actor, action: "lead.ce_booked", summary, data, requestId: o.requestId });
    else await recordChange(trx, { actor: o.actor, action: "lead.ce_booked", summary, subject: { type: "lead", id: lead.id }, at: now, data, requestId: o.requestId });

    const sdrs = await ownerOrRole(trx, lead.sdr_user_id, "sdr");
    await queueEmail(trx, ctx, {
      template: "ceBookingRequest",
      to: emailsOf(sdrs),
      cc: emailsOf([ce]),
      vars: { requesterName: lead.name, company: lead.company, ceName, bookedFor: timeText(o.bookedFor), leadUrl: leadLink(ctx, lead.id) },
      idempotencyKey: `T8.ce-booking:lead:${lead.id}:${o.bookedFor.toISOString()}`,
      subject: { type: "lead", id: lead.id },
      actor: o.actor,
    });
    const ae = await activeUser(trx, lead.ae_user_id);
    const channel = await ensureCompanyChannel(trx, ctx, {
      company: lead.company,
      subject: { type: "lead", id: lead.id },
      memberUserIds: idsOf([ae, ce]),
      actor: o.actor,
    });
    return { leadId: lead.id, ceUserId: ce?.id ?? null, bookedFor: o.bookedFor.toISOString(), channel: channel.name };
  });
  ctx.notifyOutbox();
  return result;
}
