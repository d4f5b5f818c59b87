import type { Transaction } from "kysely";
import type { Database } from "../../../platform/db/database.js";
import { notFound } from "../../../platform/errors/app-error.js";
import type { InstanceRow } from "../../instances/schema.js";
import type { LeadRow, TrialRow, TrialState } from "../schema.js";

/** A trial with its lead and (once handed off) its instance, as one unit of the lifecycle. */
export interface TrialRecords {
  trial: TrialRow;
  lead: LeadRow;
  instance: InstanceRow | null;
}

/** Trial states after hand-off that are not closed: the lifecycle rules and decisions act on these. */
export const LIVE_STATES: readonly TrialState[] = ["running", "ended"];

export const isLive = (state: TrialState): boolean => LIVE_STATES.includes(state);

/**
 * Loads and locks a trial (and its lead) for the rest of the transaction, so a rule firing and
 * a person's decision on the same trial apply one after the other and each re-checks the state.
 * Returns null when there is no such trial.
 */
export async function lockTrial(trx: Transaction<Database>, trialId: string): Promise<TrialRecords | null> {
  const trial = await trx.selectFrom("trials").selectAll().where("id", "=", trialId).forUpdate().executeTakeFirst();
  if (!trial) return null;
  const lead = await trx.selectFrom("leads").selectAll().where("id", "=", trial.lead_id).forUpdate().executeTakeFirstOrThrow();
  const instance = trial.instance_id
    ? ((await trx.selectFrom("instances").selectAll().where("id", "=", trial.instance_id).forUpdate().executeTakeFirst()) ?? null)
    : null;
  return { trial, lead, instance };
}

export async function lockTrialOrThrow(trx: Transaction<Database>, trialId: string): Promise<TrialRecords> {
  const found = await lockTrial(trx, trialId);
  if (!found) throw notFound("Trial", trialId);
  return found;
}

/** The trial of a lead (a lead has at most one), locked; null when the lead was never approved. */
export async function lockTrialOfLead(trx: Transaction<Database>, leadId: string): Promise<TrialRecords | null> {
  const row = await trx.selectFrom("trials").select("id").where("lead_id", "=", leadId).executeTakeFirst();
  return row ? lockTrial(trx, row.id) : null;
}

/** The UTC calendar day of an instant, as emails show dates ("2026-02-04"). */
export const dayText = (at: Date): string => at.toISOString().slice(0, 10);

/** An instant as emails show a meeting time ("2026-02-04 15:30 UTC"). */
export const timeText = (at: Date): string => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
