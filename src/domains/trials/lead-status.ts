import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import type { LeadRow } from "./schema.js";

export type TrialStatusKey = Exclude<keyof ProcessPack["leads"]["trialStatuses"], "disqualifiedSubstatus">;

/** The pack's name for a status the trial rules set ("Approved trial"). */
export function statusName(pack: ProcessPack, key: TrialStatusKey): string {
  return pack.leads.trialStatuses[key];
}

/** Which of the trial statuses a lead's status name is, so clients need not know the pack's names. */
export function statusKeyOf(pack: ProcessPack, name: string): TrialStatusKey | null {
  for (const [key, value] of Object.entries(pack.leads.trialStatuses)) {
    if (key !== "disqualifiedSubstatus" && value === name) return key as TrialStatusKey;
  }
  return null;
}

export interface SetLeadStatusOptions {
  lead: Pick<LeadRow, "id" | "status" | "substatus" | "email" | "company">;
  status: TrialStatusKey;
  substatus?: string | null | undefined;
  actor: Actor;
  /** Extra columns written with the status (qualified_at, pql_at, ...). */
  set?: Partial<Pick<LeadRow, "qualified_at" | "disqualified_at" | "handed_off_at" | "pql_at" | "converted_at" | "ae_user_id">>;
  reason?: string | undefined;
  requestId?: string | undefined;
  data?: Record<string, unknown> | undefined;
}

/**
 * Moves a lead to a pack status: the row, one timeline event and one audit row, in `trx`.
 * A no-op (returns false) when the lead already has that status and substatus.
 */
export async function setLeadStatus(trx: Transaction<Database>, ctx: AppContext, o: SetLeadStatusOptions): Promise<boolean> {
  const pack = ctx.packs.current();
  const to = statusName(pack, o.status);
  const substatus = o.substatus ?? null;
  if (o.lead.status === to && (o.lead.substatus ?? null) === substatus) return false;
  const now = ctx.clock.now();
  await trx
    .updateTable("leads")
    .set({ status: to, substatus, updated_at: now, ...(o.set ?? {}) })
    .where("id", "=", o.lead.id)
    .execute();
  await recordChange(trx, {
    actor: o.actor,
    action: "lead.status_changed",
    summary: `Status changed to ${to}${substatus ? ` (${substatus})` : ""}`,
    subject: { type: "lead", id: o.lead.id },
    at: now,
    reason: o.reason,
    requestId: o.requestId,
    data: { from: o.lead.status, to, substatus, ...(o.data ?? {}) },
  });
  return true;
}
