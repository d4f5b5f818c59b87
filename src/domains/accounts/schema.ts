import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A calendar day as 'YYYY-MM-DD' (no time zone; type-parsers keep it a string). */
type Day = string;
type Json<T> = ColumnType<T, string, string>;

export const DEPLOYMENTS = ["cloud_managed", "self_hosted"] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];

/** H6: the engagement plan recorded at kickoff (stored as JSON on the account). */
export interface EngagementPlan {
  checkInCadence: string;
  trainings: { name: string; dueOn: Day }[];
  onboardingHelp: string;
  recordedAt: string;
  recordedBy: string;
}

/** The account book: company, deal, team, segment (H2) and lifecycle stage (L). */
export interface AccountsTable {
  id: string;
  name: string;
  /** The primary email domain, lower case; every domain (this one too) is in account_domains. */
  domain: string | null;
  crm_id: string | null;
  /** Kept in step with account_type (pack accounts.types.customer): the trial checks read it. */
  customer: ColumnType<boolean, boolean | undefined, boolean>;
  strategic: ColumnType<boolean, boolean | undefined, boolean>;
  account_type: ColumnType<string, string | undefined, string>;
  expected_close_date: Day | null;
  /** The day the deal closed (signature); null while a prospect. */
  closed_on: Day | null;
  arr: number | null;
  seats: number | null;
  developers: number | null;
  contract_start: Day | null;
  /** Contract end = renewal date. */
  contract_end: Day | null;
  deployment: Deployment | null;
  ae_user_id: string | null;
  ce_user_id: string | null;
  ta_user_id: string | null;
  ta_assigned_at: Timestamp | null;
  tpm_user_id: string | null;
  ie_user_id: string | null;
  /** H1: set by TA leadership; setting it puts the account in the book. */
  ta_support_level: string | null;
  ta_support_level_at: Timestamp | null;
  in_book_at: Timestamp | null;
  segment: string | null;
  segment_reason: string | null;
  coverage: string | null;
  /** L: the stage in force (override when one is set, else computed) and why. */
  stage: string | null;
  stage_reason: string | null;
  stage_since: Timestamp | null;
  stage_override: string | null;
  stage_override_reason: string | null;
  stage_override_by: string | null;
  stage_override_at: Timestamp | null;
  /** L4: when DAU/MAU and MAU/seats first both met their targets (Nurturing latches). */
  targets_met_at: Timestamp | null;
  /** L2: flagged when MAU/seats missed the target at the end of onboarding. */
  onboarding_target_missed_at: Timestamp | null;
  engagement_plan: Json<EngagementPlan | null> | null;
  kickoff_on: Day | null;
  production_subscription_id: string | null;
  archived_at: Timestamp | null;
  /** Usage over the account's active instances at usage_at (written by the L evaluation). */
  usage_mau: number | null;
  usage_dau_avg: number | null;
  usage_mau_per_seat: number | null;
  usage_dau_per_mau: number | null;
  usage_at: Timestamp | null;
  /** S3: a person marked the account red (e.g. the champion left); the band is red while set. */
  health_red_flag_reason: ColumnType<string | null, string | null | undefined, string | null>;
  health_red_flag_by: ColumnType<string | null, string | null | undefined, string | null>;
  health_red_flag_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountDomainsTable {
  domain: string;
  account_id: string;
  created_at: Timestamp;
}

export interface ContactsTable {
  id: string;
  account_id: string;
  name: string;
  email: string | null;
  title: string | null;
  /** Role names from pack accounts.contactRoles (multi-select). */
  roles: Json<string[]>;
  /** When the contact first got a role (X: tagged within 7 days of signature). */
  tagged_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountStageHistoryTable {
  id: Generated<number>;
  account_id: string;
  at: Timestamp;
  from_stage: string | null;
  to_stage: string;
  reason: string;
  manual: ColumnType<boolean, boolean | undefined, boolean>;
  actor_label: string;
  rule_id: string | null;
  pack_version: string | null;
}

export const TASK_STATUSES = ["todo", "in_progress", "under_review", "completed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** E7: a task on the board, assigned to a person and/or a team (role), linked to a record. */
export interface TasksTable {
  id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  /** Order within a board column (smaller first). */
  position: ColumnType<number, number | undefined, number>;
  assignee_user_id: string | null;
  /** A role whose members share the task ("ta", "cloud_ops"); null for personal tasks. */
  team: string | null;
  due_on: Day | null;
  account_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** Who made it: "user", or the rule id ("H3.handoff", "H6.kickoff"). */
  source: string | null;
  /** Idempotency key of rule-created tasks: a rule re-run creates nothing twice. */
  source_key: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
  archived_at: Timestamp | null;
}

export interface DocsTable {
  id: string;
  account_id: string;
  /** Key of pack docTemplates it came from ("handoff"); null for a blank doc. */
  template: string | null;
  title: string;
  /** Sanitised HTML (rich text). */
  body: string;
  version: ColumnType<number, number | undefined, number>;
  source_key: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface DocVersionsTable {
  doc_id: string;
  version: number;
  title: string;
  body: string;
  edited_by_id: string | null;
  edited_by: string;
  edited_at: Timestamp;
}

export interface SavedViewsTable {
  id: string;
  user_id: string;
  /** Which list the view belongs to ("accounts", "tasks"). */
  page: string;
  name: string;
  query: Json<Record<string, unknown>>;
  shared: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export type AccountRow = Selectable<AccountsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type TaskRow = Selectable<TasksTable>;
export type DocRow = Selectable<DocsTable>;
export type SavedViewRow = Selectable<SavedViewsTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    accounts: AccountsTable;
    account_domains: AccountDomainsTable;
    contacts: ContactsTable;
    account_stage_history: AccountStageHistoryTable;
    tasks: TasksTable;
    docs: DocsTable;
    doc_versions: DocVersionsTable;
    saved_views: SavedViewsTable;
  }
}
