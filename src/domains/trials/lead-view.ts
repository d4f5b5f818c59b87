import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import { listAccessRequests, type AccessRequestView } from "./access-requests.js";
import { trialCapacity, type Capacity } from "./capacity.js";
import { instancesOnDomain, type ExistingInstance } from "./qualification-checks.js";
import { statusKeyOf, type TrialStatusKey } from "./lead-status.js";
import type { LeadRow, QualificationCheck } from "./schema.js";
import { trialViews, type TrialView } from "./trial-view.js";

type Person = { id: string; name: string } | null;

export interface LeadSummary {
  id: string;
  name: string;
  email: string;
  company: string;
  status: string;
  /** The status's role in the trial process (T1–T11), whatever the pack calls it; null for others. */
  statusKey: TrialStatusKey | null;
  substatus: string | null;
  createdAt: Date;
  checks: QualificationCheck[];
  failingChecks: number;
  account: { id: string; name: string; customer: boolean; strategic: boolean } | null;
  sdr: Person;
  ae: Person;
  trial: { id: string; state: string; slug: string } | null;
}

export interface LeadDetail extends Omit<LeadSummary, "trial"> {
  emailDomain: string;
  fields: Record<string, string>;
  campaign: string;
  ce: Person;
  qualifiedAt: Date | null;
  disqualifiedAt: Date | null;
  handedOffAt: Date | null;
  pqlAt: Date | null;
  convertedAt: Date | null;
  ceBookedAt: Date | null;
  ceBookedFor: Date | null;
  trial: TrialView | null;
  existingInstances: ExistingInstance[];
  accessRequests: AccessRequestView[];
  capacity: Capacity;
}

/** Leads with names of their people, account and trial, batched for a page. */
export async function leadSummaries(ctx: AppContext, leads: readonly LeadRow[]): Promise<LeadSummary[]> {
  if (leads.length === 0) return [];
  const pack = ctx.packs.current();
  const userIds = [...new Set(leads.flatMap((l) => [l.sdr_user_id, l.ae_user_id]).filter((id): id is string => id !== null))];
  const accountIds = [...new Set(leads.map((l) => l.account_id).filter((id): id is string => id !== null))];
  const users = userIds.length ? await ctx.db.selectFrom("users").select(["id", "name"]).where("id", "in", userIds).execute() : [];
  const accounts = accountIds.length ? await ctx.db.selectFrom("accounts").select(["id", "name", "customer", "strategic"]).where("id", "in", accountIds).execute() : [];
  const trials = await ctx.db.selectFrom("trials").select(["id", "lead_id", "state", "slug"]).where("lead_id", "in", leads.map((l) => l.id)).execute();
  const person = (id: string | null): Person => {
    const u = id ? users.find((x) => x.id === id) : undefined;
    return u ? { id: u.id, name: u.name } : null;
  };
  return leads.map((l) => {
    const trial = trials.find((t) => t.lead_id === l.id);
    return {
      id: l.id,
      name: l.name,
      email: l.email,
      company: l.company,
      status: l.status,
      statusKey: statusKeyOf(pack, l.status),
      substatus: l.substatus,
      createdAt: l.created_at,
      checks: l.checks,
      failingChecks: l.checks.filter((c) => c.outcome === "fail").length,
      account: accounts.find((a) => a.id === l.account_id) ?? null,
      sdr: person(l.sdr_user_id),
      ae: person(l.ae_user_id),
      trial: trial ? { id: trial.id, state: trial.state, slug: trial.slug } : null,
    };
  });
}

export async function leadDetail(ctx: AppContext, id: string): Promise<LeadDetail> {
  const lead = await ctx.db.selectFrom("leads").selectAll().where("id", "=", id).executeTakeFirst();
  if (!lead) throw notFound("Lead", id);
  const pack = ctx.packs.current();
  const [summary] = await leadSummaries(ctx, [lead]);
  const trialRow = await ctx.db.selectFrom("trials").selectAll().where("lead_id", "=", id).executeTakeFirst();
  const [trial] = trialRow ? await trialViews(ctx, [trialRow]) : [];
  const ce = lead.ce_user_id ? await ctx.db.selectFrom("users").select(["id", "name"]).where("id", "=", lead.ce_user_id).executeTakeFirst() : undefined;
  return {
    ...(summary as LeadSummary),
    emailDomain: lead.email_domain,
    fields: lead.fields,
    campaign: lead.campaign,
    ce: ce ?? null,
    qualifiedAt: lead.qualified_at,
    disqualifiedAt: lead.disqualified_at,
    handedOffAt: lead.handed_off_at,
    pqlAt: lead.pql_at,
    convertedAt: lead.converted_at,
    ceBookedAt: lead.ce_booked_at,
    ceBookedFor: lead.ce_booked_for,
    trial: trial ?? null,
    existingInstances: await instancesOnDomain(ctx.db, pack, lead.email_domain),
    accessRequests: await listAccessRequests(ctx, { leadId: id }),
    capacity: await trialCapacity(ctx.db, pack),
  };
}
