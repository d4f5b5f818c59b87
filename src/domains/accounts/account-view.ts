import { sql } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import { accountDomains } from "./account-domains.js";
import type { HealthColumns } from "../health/schema.js";
import type { AccountRow, Deployment, EngagementPlan } from "./schema.js";

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface AccountListItem {
  id: string;
  name: string;
  domain: string | null;
  accountType: string;
  customer: boolean;
  strategic: boolean;
  segment: string | null;
  coverage: string | null;
  stage: string | null;
  stageOverridden: boolean;
  arr: number | null;
  seats: number | null;
  developers: number | null;
  expectedCloseDate: string | null;
  closedOn: string | null;
  contractEnd: string | null;
  deployment: Deployment | null;
  inBook: boolean;
  ae: PersonRef | null;
  ce: PersonRef | null;
  ta: PersonRef | null;
  usage: { mau: number | null; mauPerSeat: number | null; dauPerMau: number | null } | null;
  /** S1: the current health score and band (null until first computed). */
  health: { score: number | null; band: string | null; missingData: boolean; at: Date } | null;
  openTasks: number;
  updatedAt: Date;
}

export interface AccountInstance {
  id: string;
  slug: string;
  name: string;
  kind: string;
  status: string;
  url: string | null;
  seats: number | null;
}

export interface AccountDetail extends Omit<AccountListItem, "usage"> {
  domains: string[];
  crmId: string | null;
  contractStart: string | null;
  taSupportLevel: string | null;
  taSupportLevelAt: Date | null;
  inBookAt: Date | null;
  segmentReason: string | null;
  stageReason: string | null;
  stageSince: Date | null;
  stageOverride: { stage: string; reason: string | null; by: string | null; at: Date | null } | null;
  targetsMetAt: Date | null;
  onboardingTargetMissedAt: Date | null;
  tpm: PersonRef | null;
  ie: PersonRef | null;
  taAssignedAt: Date | null;
  engagementPlan: EngagementPlan | null;
  kickoffOn: string | null;
  productionSubscriptionId: string | null;
  instances: AccountInstance[];
  usage: { mau: number | null; dauAvg: number | null; mauPerSeat: number | null; dauPerMau: number | null; at: Date | null } | null;
  contactsCount: number;
  untaggedContacts: boolean;
  createdAt: Date;
}

/**
 * S1's score in force as columns of an account query that left-joins `account_health as h`
 * (null when the account was never scored).
 */
export const HEALTH_COLUMNS = ["h.score as health_score", "h.band as health_band", "h.missing_data as health_missing_data", "h.at as health_at"] as const;

/**
 * An account row with its AE, CE and TA joined (columns `<role>_name`, `<role>_email`), its
 * score in force (HEALTH_COLUMNS) and its open task count.
 */
export type AccountListRow = AccountRow & HealthColumns & {
  ae_name: string | null;
  ae_email: string | null;
  ce_name: string | null;
  ce_email: string | null;
  ta_name: string | null;
  ta_email: string | null;
  open_tasks: number | string | null;
};

const person = (id: string | null, name: string | null, email: string | null): PersonRef | null => (id && name !== null && email !== null ? { id, name, email } : null);

export function toAccountListItem(r: AccountListRow): AccountListItem {
  return {
    id: r.id,
    name: r.name,
    domain: r.domain,
    accountType: r.account_type,
    customer: r.customer,
    strategic: r.strategic,
    segment: r.segment,
    coverage: r.coverage,
    stage: r.stage,
    stageOverridden: r.stage_override !== null,
    arr: r.arr,
    seats: r.seats,
    developers: r.developers,
    expectedCloseDate: r.expected_close_date,
    closedOn: r.closed_on,
    contractEnd: r.contract_end,
    deployment: r.deployment,
    inBook: r.in_book_at !== null,
    ae: person(r.ae_user_id, r.ae_name, r.ae_email),
    ce: person(r.ce_user_id, r.ce_name, r.ce_email),
    ta: person(r.ta_user_id, r.ta_name, r.ta_email),
    usage: r.usage_at === null ? null : { mau: r.usage_mau, mauPerSeat: r.usage_mau_per_seat, dauPerMau: r.usage_dau_per_mau },
    health: r.health_at === null ? null : { score: r.health_score, band: r.health_band, missingData: r.health_missing_data ?? false, at: r.health_at },
    openTasks: Number(r.open_tasks ?? 0),
    updatedAt: r.updated_at,
  };
}

/** Tasks that still need doing: not completed, not archived. */
export async function openTaskCount(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("tasks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("account_id", "=", accountId)
    .where("status", "!=", "completed")
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The account page's record: everything on the row, its domains, team, instances and contact
 * facts. Reads through `db` (a transaction works too), one query after the other.
 */
export async function getAccountDetail(db: Executor, _ctx: Pick<AppContext, "packs">, id: string): Promise<AccountDetail> {
  const r = await db
    .selectFrom("accounts as a")
    .leftJoin("account_health as h", "h.account_id", "a.id")
    .selectAll("a")
    .select(HEALTH_COLUMNS)
    .where("a.id", "=", id)
    .executeTakeFirst();
  if (!r) throw notFound("Account", id);
  const userIds = [r.ae_user_id, r.ce_user_id, r.ta_user_id, r.tpm_user_id, r.ie_user_id].filter((u): u is string => u !== null);
  const users = userIds.length ? await db.selectFrom("users").select(["id", "name", "email"]).where("id", "in", userIds).execute() : [];
  const ref = (userId: string | null): PersonRef | null => users.find((u) => u.id === userId) ?? null;
  const domains = await accountDomains(db, r.id, r.domain);
  const openTasks = await openTaskCount(db, r.id);
  const instances = await db
    .selectFrom("instances")
    .select(["id", "slug", "name", "kind", "status", "url", "seats"])
    .where("account_id", "=", r.id)
    .orderBy("created_at")
    .execute();
  const contacts = await db
    .selectFrom("contacts")
    .select((eb) => [eb.fn.countAll<number>().as("n"), sql<number>`count(*) filter (where jsonb_array_length(roles) = 0)`.as("untagged")])
    .where("account_id", "=", r.id)
    .executeTakeFirstOrThrow();
  const base = toAccountListItem({ ...r, ae_name: null, ae_email: null, ce_name: null, ce_email: null, ta_name: null, ta_email: null, open_tasks: openTasks });
  return {
    ...base,
    ae: ref(r.ae_user_id),
    ce: ref(r.ce_user_id),
    ta: ref(r.ta_user_id),
    domains,
    crmId: r.crm_id,
    contractStart: r.contract_start,
    taSupportLevel: r.ta_support_level,
    taSupportLevelAt: r.ta_support_level_at,
    inBookAt: r.in_book_at,
    segmentReason: r.segment_reason,
    stageReason: r.stage_reason,
    stageSince: r.stage_since,
    stageOverride: r.stage_override === null ? null : { stage: r.stage_override, reason: r.stage_override_reason, by: r.stage_override_by, at: r.stage_override_at },
    targetsMetAt: r.targets_met_at,
    onboardingTargetMissedAt: r.onboarding_target_missed_at,
    tpm: ref(r.tpm_user_id),
    ie: ref(r.ie_user_id),
    taAssignedAt: r.ta_assigned_at,
    engagementPlan: r.engagement_plan,
    kickoffOn: r.kickoff_on,
    productionSubscriptionId: r.production_subscription_id,
    instances,
    usage: r.usage_at === null ? null : { mau: r.usage_mau, dauAvg: r.usage_dau_avg, mauPerSeat: r.usage_mau_per_seat, dauPerMau: r.usage_dau_per_mau, at: r.usage_at },
    contactsCount: Number(contacts.n),
    untaggedContacts: Number(contacts.untagged ?? 0) > 0,
    createdAt: r.created_at,
  };
}
