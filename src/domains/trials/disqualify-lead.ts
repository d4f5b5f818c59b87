import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { setLeadStatus, statusName } from "./lead-status.js";
import { queueEmail } from "./queue-email.js";
import type { LeadRow } from "./schema.js";
import { postTrialAlert } from "./trial-alerts.js";

export interface DisqualifyLeadOptions {
  lead: LeadRow;
  actor: Actor;
  reason?: string | undefined;
  requestId?: string | undefined;
}

/**
 * T4.2: not qualified: status "disqualified" with substatus "Does not meet trial criteria", an
 * alert, and the pack's "high demand" email to the requester. A lead whose trial is already
 * approved is un-qualified instead (T4.3).
 */
export async function disqualifyLead(trx: Transaction<Database>, ctx: AppContext, o: DisqualifyLeadOptions): Promise<void> {
  const pack = ctx.packs.current();
  const { lead } = o;
  const live = await trx.selectFrom("trials").select(["slug", "state"]).where("lead_id", "=", lead.id).where("state", "not in", ["cancelled"]).executeTakeFirst();
  if (live) throw new AppError("invalid_state", `${lead.company}'s trial ${live.slug} is ${live.state}; un-qualify it instead (T4.3).`);
  if (lead.status === statusName(pack, "disqualified")) throw new AppError("invalid_state", `${lead.company}'s request is disqualified already.`);
  await setLeadStatus(trx, ctx, {
    lead,
    status: "disqualified",
    substatus: pack.leads.trialStatuses.disqualifiedSubstatus,
    actor: o.actor,
    set: { disqualified_at: ctx.clock.now() },
    reason: o.reason,
    requestId: o.requestId,
  });
  await queueEmail(trx, ctx, {
    template: "trialHighDemand",
    to: [lead.email],
    vars: { name: lead.name, company: lead.company },
    idempotencyKey: `T4.2.email:lead:${lead.id}`,
    subject: { type: "lead", id: lead.id },
    actor: o.actor,
  });
  await postTrialAlert(trx, ctx, {
    feed: "trialAlerts",
    text: `Trial request from ${lead.company} (${lead.email}) disqualified${o.reason ? `: ${o.reason}` : ""}: ${appUrl(ctx.config, `/leads/${lead.id}`)}`,
    subject: { type: "lead", id: lead.id },
    actor: o.actor,
    idempotencyKey: `T4.2.alert:lead:${lead.id}`,
  });
}
