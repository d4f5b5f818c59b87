import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type SubmissionStatus = "received" | "processed" | "failed" | "spam";

/** T2: every signup exactly as it arrived, stored before anything else is tried. */
export interface SignupSubmissionsTable {
  id: string;
  received_at: Timestamp;
  ip: string | null;
  email: string | null;
  email_domain: string | null;
  payload: Json<Record<string, unknown>>;
  status: SubmissionStatus;
  error: string | null;
  lead_id: string | null;
  attempts: Generated<number>;
  processed_at: Timestamp | null;
}

/** One automatic qualification check and its verdict, kept on the lead for the SDR (T4). */
export interface QualificationCheck {
  id: string;
  label: string;
  /** pass: fine; fail: argues for disqualifying; info: worth knowing (existing customer). */
  outcome: "pass" | "fail" | "info";
  reason: string;
}

export interface LeadsTable {
  id: string;
  email: string;
  email_domain: string;
  name: string;
  company: string;
  fields: Json<Record<string, string>>;
  campaign: string;
  status: string;
  substatus: string | null;
  checks: Json<QualificationCheck[]>;
  account_id: string | null;
  sdr_user_id: string | null;
  ae_user_id: string | null;
  ce_user_id: string | null;
  submission_id: string | null;
  existing_instance_ids: Json<string[]>;
  qualified_at: Timestamp | null;
  disqualified_at: Timestamp | null;
  handed_off_at: Timestamp | null;
  pql_at: Timestamp | null;
  converted_at: Timestamp | null;
  ce_booked_at: Timestamp | null;
  ce_booked_for: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type TrialState = "queued" | "provisioning" | "provisioning_failed" | "running" | "ended" | "converted" | "terminated" | "cancelled";
export const TRIAL_STATES: readonly TrialState[] = ["queued", "provisioning", "provisioning_failed", "running", "ended", "converted", "terminated", "cancelled"];
/** States that hold one of the T5 concurrent-instance slots. */
export const SLOT_STATES: readonly TrialState[] = ["provisioning", "provisioning_failed", "running", "ended"];
export type Provisioner = "webhook" | "manual";
export type TrialDecision = "extend" | "convert" | "terminate";

export interface TrialsTable {
  id: string;
  lead_id: string;
  state: TrialState;
  slug: string;
  company: string;
  admin_email: string;
  admin_name: string;
  instance_id: string | null;
  growth_user_id: string | null;
  provisioner: Provisioner;
  approved_at: Timestamp;
  provisioning_requested_at: Timestamp | null;
  provisioning_due_at: Timestamp | null;
  provisioning_attempt: Generated<number>;
  provisioning_error: string | null;
  ready_at: Timestamp | null;
  handed_off_at: Timestamp | null;
  ends_at: Timestamp | null;
  extended_days: Generated<number>;
  activated_at: Timestamp | null;
  warning_sent_at: Timestamp | null;
  admin_answered_at: Timestamp | null;
  decision: TrialDecision | null;
  decision_at: Timestamp | null;
  decision_by: string | null;
  decision_note: string | null;
  closed_at: Timestamp | null;
  close_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type AccessRequestStatus = "open" | "granted" | "declined";

export interface AccessRequestsTable {
  id: string;
  instance_id: string;
  lead_id: string | null;
  email: string;
  name: string;
  message: string | null;
  status: AccessRequestStatus;
  created_at: Timestamp;
  answered_at: Timestamp | null;
  answered_by: string | null;
  answer_note: string | null;
}

export type LeadRow = Selectable<LeadsTable>;
export type TrialRow = Selectable<TrialsTable>;
export type SignupSubmissionRow = Selectable<SignupSubmissionsTable>;
export type AccessRequestRow = Selectable<AccessRequestsTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    signup_submissions: SignupSubmissionsTable;
    leads: LeadsTable;
    trials: TrialsTable;
    access_requests: AccessRequestsTable;
  }
}
