import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { qualificationChecks, type ExistingInstance } from "./qualification-checks.js";
import { statusName } from "./lead-status.js";
import { postTrialAlert } from "./trial-alerts.js";
import type { LeadRow } from "./schema.js";
import type { SignupContext } from "./signup-context.js";
import { emailDomain } from "./signup-input.js";

export interface NewLeadInput {
  name: string;
  email: string;
  company: string;
  fields: Record<string, string>;
  submissionId: string | null;
}

export interface CreatedLead {
  lead: LeadRow;
  /** T3: the company's existing instances; non-empty means no new trial is started. */
  instances: ExistingInstance[];
}

/**
 * T1 and T3: creates the lead in the pack's trial campaign with its automatic checks, matched to
 * an account by email domain (the account's AE and CE join the lead, T4.1), and alerts the
 * trial feed. When the domain already has an instance the lead is "Instance Already in Trial".
 */
export async function createLead(trx: Transaction<Database>, ctx: AppContext, input: NewLeadInput, actor: Actor, context: SignupContext): Promise<CreatedLead> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const domain = emailDomain(input.email);
  const { account, instances } = context;
  const checks = qualificationChecks(pack, { domain, fields: input.fields, account, instances, capacity: context.capacity });
  const status = statusName(pack, instances.length > 0 ? "existingInstance" : "new");
  const lead = await trx
    .insertInto("leads")
    .values({
      id: randomUUID(),
      email: input.email,
      email_domain: domain,
      name: input.name,
      company: input.company,
      fields: JSON.stringify(input.fields),
      campaign: pack.leads.campaign,
      status,
      substatus: null,
      checks: JSON.stringify(checks),
      account_id: account?.id ?? null,
      ae_user_id: account?.ae_user_id ?? null,
      ce_user_id: account?.ce_user_id ?? null,
      submission_id: input.submissionId,
      existing_instance_ids: JSON.stringify(instances.map((i) => i.id)),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(trx, {
    actor,
    action: "lead.created",
    summary: `Trial request from ${input.name} <${input.email}> at ${input.company} (${pack.leads.campaign})`,
    subject: { type: "lead", id: lead.id },
    at: now,
    data: { email: input.email, company: input.company, campaign: pack.leads.campaign, status, fields: input.fields, accountId: account?.id ?? null, checks },
  });
  const link = appUrl(ctx.config, `/leads/${lead.id}`);
  const text =
    instances.length > 0
      ? `${input.name} <${input.email}> from ${input.company} requested a trial; ${domain} already has ${instances.map((i) => i.url ?? i.slug).join(", ")} (${status}): ${link}`
      : `New trial request: ${input.name} <${input.email}> at ${input.company}${account ? ` (account ${account.name})` : ""}: ${link}`;
  await postTrialAlert(trx, ctx, { feed: "trialAlerts", text, subject: { type: "lead", id: lead.id }, actor, idempotencyKey: `T1.alert:lead:${lead.id}` });
  return { lead, instances };
}
