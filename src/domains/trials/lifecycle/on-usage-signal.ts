import type { Transaction } from "kysely";
import type { AppContext } from "../../../platform/app/context.js";
import type { Database } from "../../../platform/db/database.js";
import { ruleActor } from "../../../platform/timeline/actor.js";
import { recordChange } from "../../../platform/timeline/record.js";
import { ensureCompanyChannel } from "../../channels/ensure-company-channel.js";
import type { UsageSignal } from "../../usage/signals.js";
import { setLeadStatus, statusName } from "../lead-status.js";
import { queueEmail } from "../queue-email.js";
import { postTrialAlert } from "../trial-alerts.js";
import { recordTrialChange } from "../trial-records.js";
import { LIVE_STATES, lockTrial, type TrialRecords } from "./lock-trial.js";
import { activeUser, activeUsersWithRole, emailsOf, idsOf } from "../recipients.js";
import { trialVars } from "./trial-vars.js";

type PqlSignal = Extract<UsageSignal, { kind: "usage.pql_criteria_met" }>;
type ActivitySignal = Extract<UsageSignal, { kind: "usage.code_host_configured" | "usage.non_admin_user_joined" }>;

/**
 * The trials' usage subscriber (registered in usage/signal-subscribers.ts), run inside the
 * ingest transaction: T11 PQL, and the activity that makes a trial "used" for T9.
 */
export async function onTrialUsageSignal(trx: Transaction<Database>, ctx: AppContext, signal: UsageSignal): Promise<void> {
  switch (signal.kind) {
    case "usage.pql_criteria_met":
      return markPql(trx, ctx, signal);
    case "usage.code_host_configured":
    case "usage.non_admin_user_joined":
      return markActivated(trx, ctx, signal);
    case "usage.feature_first_used":
    case "usage.seat_utilization_crossed":
      return;
    default: {
      const unreachable: never = signal;
      throw new Error(`unknown signal ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The live (handed-off, not closed) trial on the instance, locked; null for other instances. */
async function liveTrialOf(trx: Transaction<Database>, instanceId: string): Promise<TrialRecords | null> {
  const row = await trx.selectFrom("trials").select("id").where("instance_id", "=", instanceId).where("state", "in", LIVE_STATES).executeTakeFirst();
  return row ? lockTrial(trx, row.id) : null;
}

/**
 * T11: the lead becomes PQL, the PQL feed is alerted for an AE to pick it up, sales ops is
 * prompted by email, and the trial channel is created if missing.
 */
async function markPql(trx: Transaction<Database>, ctx: AppContext, signal: PqlSignal): Promise<void> {
  const records = await liveTrialOf(trx, signal.instanceId);
  if (!records) return;
  const pack = ctx.packs.current();
  const { trial, lead } = records;
  if ([statusName(pack, "pql"), statusName(pack, "converted")].includes(lead.status)) return;
  const actor = ruleActor("T11", pack.version);
  const criteria = signal.data.labels.join("; ");
  const now = ctx.clock.now();
  await setLeadStatus(trx, ctx, { lead, status: "pql", actor, set: { pql_at: now }, reason: criteria, data: { trialId: trial.id, criteria: signal.data.criteria } });
  await recordChange(trx, {
    actor,
    action: "trial.pql",
    summary: `Product-qualified: ${criteria}`,
    subject: { type: "trial", id: trial.id },
    at: now,
    data: { leadId: lead.id, criteria: signal.data.criteria, labels: signal.data.labels },
  });
  const vars = { ...(await trialVars(trx, ctx, records)), criteria };
  await postTrialAlert(trx, ctx, {
    feed: "productQualifiedLeads",
    text: `PQL: ${trial.company} (${trial.slug}): ${criteria}. An AE can claim it: ${vars.leadUrl}`,
    subject: { type: "lead", id: lead.id },
    actor,
    idempotencyKey: `T11:lead:${lead.id}:pql-alert`,
  });
  const salesOps = await activeUsersWithRole(trx, ["sales_ops"]);
  await queueEmail(trx, ctx, {
    template: "pqlPrompt",
    to: emailsOf(salesOps),
    vars,
    idempotencyKey: `T11:lead:${lead.id}:pql-prompt`,
    subject: { type: "lead", id: lead.id },
    actor,
  });
  // One after the other: a transaction is one connection.
  const people = [await activeUser(trx, lead.ae_user_id), await activeUser(trx, lead.ce_user_id), await activeUser(trx, trial.growth_user_id)];
  await ensureCompanyChannel(trx, ctx, { company: lead.company, subject: { type: "lead", id: lead.id }, memberUserIds: idsOf(people), actor });
}

/** T9: a code host or a second person makes the trial used; the first such moment is its activation. */
async function markActivated(trx: Transaction<Database>, ctx: AppContext, signal: ActivitySignal): Promise<void> {
  const records = await liveTrialOf(trx, signal.instanceId);
  if (!records || records.trial.activated_at) return;
  const now = ctx.clock.now();
  await trx.updateTable("trials").set({ activated_at: signal.at, updated_at: now }).where("id", "=", records.trial.id).execute();
  const why = signal.kind === "usage.code_host_configured" ? "a code host is configured" : "a user other than the admin joined";
  await recordTrialChange(trx, ctx, {
    trial: records.trial,
    actor: ruleActor(signal.ruleId, ctx.packs.current().version),
    action: "trial.activated",
    summary: `Trial activated: ${why}`,
    data: { signal: signal.kind },
  });
}
