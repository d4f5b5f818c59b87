import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { ensureCompanyChannel } from "../channels/ensure-company-channel.js";
import { startQueuedTrials, trialCapacity, queuePositions } from "./capacity.js";
import { setLeadStatus, statusName } from "./lead-status.js";
import { queueEmail } from "./queue-email.js";
import type { LeadRow, TrialRow } from "./schema.js";
import { chooseSlug } from "./slug.js";
import { postTrialAlert } from "./trial-alerts.js";
import { userEmails } from "./recipients.js";
import { recordTrialChange } from "./trial-records.js";

export interface ApproveLeadOptions {
  lead: LeadRow;
  actor: Actor;
  /** Instance slug; derived from the company name when absent. */
  slug?: string | null | undefined;
  requestId?: string | undefined;
}

const LIVE: readonly TrialRow["state"][] = ["queued", "provisioning", "provisioning_failed", "running", "ended"];

/**
 * T4.1: the lead is qualified: status "Approved trial" (not converted), the owning AE of an
 * existing customer or strategic account is told, the company channel is created with AE, CE
 * and the core team, and the trial joins the provisioning queue (T5), which starts it at once
 * when a slot is free (T6).
 */
export async function approveLead(trx: Transaction<Database>, ctx: AppContext, o: ApproveLeadOptions): Promise<TrialRow> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const { lead } = o;
  const existing = await trx.selectFrom("trials").selectAll().where("lead_id", "=", lead.id).executeTakeFirst();
  if (existing && LIVE.includes(existing.state)) throw new AppError("invalid_state", `${lead.company}'s request is approved already (trial ${existing.slug}, ${existing.state}).`);
  const blocked = [statusName(pack, "handedOff"), statusName(pack, "pql"), statusName(pack, "converted")];
  if (blocked.includes(lead.status)) throw new AppError("invalid_state", `A lead in status ${lead.status} cannot be approved again.`);
  const slug = await chooseSlug(trx, pack, lead.company, o.slug);
  const sdr = o.actor.type === "user" && o.actor.role === "sdr" ? o.actor.id : lead.sdr_user_id;
  await setLeadStatus(trx, ctx, { lead, status: "approved", substatus: null, actor: o.actor, set: { qualified_at: now }, requestId: o.requestId });
  if (sdr !== lead.sdr_user_id) await trx.updateTable("leads").set({ sdr_user_id: sdr }).where("id", "=", lead.id).execute();
  const values = {
    state: "queued" as const,
    slug,
    company: lead.company,
    admin_email: lead.email,
    admin_name: lead.name,
    provisioner: ctx.config.provisioner,
    approved_at: now,
    provisioning_requested_at: null,
    provisioning_due_at: null,
    provisioning_error: null,
    closed_at: null,
    close_reason: null,
    updated_at: now,
  };
  // A trial cancelled earlier (T4.3) is reused: one trial per lead.
  const trial = existing
    ? await trx.updateTable("trials").set({ ...values, provisioning_attempt: 0 }).where("id", "=", existing.id).returningAll().executeTakeFirstOrThrow()
    : await trx.insertInto("trials").values({ id: randomUUID(), lead_id: lead.id, ...values, created_at: now }).returningAll().executeTakeFirstOrThrow();
  await recordTrialChange(trx, ctx, { trial, actor: o.actor, action: "trial.approved", summary: `Trial approved; instance slug ${slug}`, data: { slug }, requestId: o.requestId });
  const leadUrl = appUrl(ctx.config, `/leads/${lead.id}`);
  await notifyOwningAe(trx, ctx, lead, o.actor, leadUrl);
  await ensureCompanyChannel(trx, ctx, {
    company: lead.company,
    subject: { type: "lead", id: lead.id },
    memberUserIds: [lead.ae_user_id, lead.ce_user_id].filter((id): id is string => id !== null),
    actor: o.actor,
  });
  await postTrialAlert(trx, ctx, {
    feed: "trialAlerts",
    text: `Trial approved for ${lead.company} (${slug}): ${leadUrl}`,
    subject: { type: "lead", id: lead.id },
    actor: o.actor,
    idempotencyKey: `T4.1.alert:trial:${trial.id}:${now.toISOString()}`,
  });
  await startQueuedTrials(trx, ctx, o.actor);
  const after = await trx.selectFrom("trials").selectAll().where("id", "=", trial.id).executeTakeFirstOrThrow();
  if (after.state === "queued") {
    const capacity = await trialCapacity(trx, pack);
    const position = (await queuePositions(trx)).get(trial.id) ?? capacity.queued;
    await recordTrialChange(trx, ctx, {
      trial,
      actor: o.actor,
      action: "trial.queued",
      summary: `Waiting for capacity: all ${capacity.max} trial instances are in use; number ${position} in line (T5)`,
      data: { position, max: capacity.max },
    });
  }
  return after;
}

/** T4.1: the owning AE of an existing customer or a strategic account hears of the request. */
async function notifyOwningAe(trx: Transaction<Database>, ctx: AppContext, lead: LeadRow, actor: Actor, leadUrl: string): Promise<void> {
  if (!lead.account_id) return;
  const account = await trx.selectFrom("accounts").selectAll().where("id", "=", lead.account_id).executeTakeFirst();
  if (!account || (!account.customer && !account.strategic) || !account.ae_user_id) return;
  const reason = account.customer && account.strategic ? "an existing customer on the strategic-accounts list" : account.customer ? "an existing customer" : "on the strategic-accounts list";
  await queueEmail(trx, ctx, {
    template: "existingCustomerTrial",
    to: await userEmails(trx, [account.ae_user_id]),
    vars: { company: lead.company, name: lead.name, email: lead.email, reason, leadUrl },
    idempotencyKey: `T4.1.ae:lead:${lead.id}`,
    subject: { type: "lead", id: lead.id },
    actor,
  });
}
