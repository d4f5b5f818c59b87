import type { ColumnType, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A calendar day as 'YYYY-MM-DD'. */
type Day = string;

export const RENEWAL_RATINGS = ["green", "yellow", "red"] as const;
export type RenewalRating = (typeof RENEWAL_RATINGS)[number];
export const REVIEW_DECISIONS = ["approved", "changes_requested"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
/** R3: the AE's projected outcome (and, once processed, the actual one). */
export const RENEWAL_OUTCOMES = ["full_churn", "partial_churn", "flat", "incremental"] as const;
export type RenewalOutcome = (typeof RENEWAL_OUTCOMES)[number];
export const RENEWAL_STATUSES = ["open", "processed"] as const;
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];
export const LIGHTHOUSE_STATUSES = ["active", "exited"] as const;
export type LighthouseStatus = (typeof LIGHTHOUSE_STATUSES)[number];

/** R1–R5: one renewal date of one account, from opening (N days before) to processing. */
export interface RenewalCyclesTable {
  id: string;
  account_id: string;
  renewal_date: Day;
  status: RenewalStatus;
  opened_at: Timestamp;
  /** The ARR up for renewal, as it was when the cycle opened. */
  arr_at_open: number | null;
  assessment_doc_id: Nullable<string>;
  assessment_task_id: Nullable<string>;
  rating: Nullable<RenewalRating>;
  rating_note: Nullable<string>;
  rated_by: Nullable<string>;
  rated_at: NullableTimestamp;
  review_decision: Nullable<ReviewDecision>;
  review_note: Nullable<string>;
  reviewed_by: Nullable<string>;
  reviewed_at: NullableTimestamp;
  projected_outcome: Nullable<RenewalOutcome>;
  projected_arr: Nullable<number>;
  projection_note: Nullable<string>;
  projected_by: Nullable<string>;
  projected_at: NullableTimestamp;
  outcome: Nullable<RenewalOutcome>;
  renewed_arr: Nullable<number>;
  next_contract_start: Nullable<Day>;
  next_contract_end: Nullable<Day>;
  process_note: Nullable<string>;
  processed_by: Nullable<string>;
  processed_at: NullableTimestamp;
  updated_at: Timestamp;
}

/** R2/X Lighthouse save program: entered from a renewal rating or ad hoc; leadership exits it. */
export interface LighthouseProgramsTable {
  id: string;
  account_id: string;
  renewal_cycle_id: string | null;
  status: LighthouseStatus;
  entry_reason: string;
  entered_at: Timestamp;
  entered_by: string;
  save_plan: ColumnType<string, string | undefined, string>;
  success_criteria: ColumnType<string, string | undefined, string>;
  exec_sponsor_user_id: Nullable<string>;
  exited_at: NullableTimestamp;
  exited_by: Nullable<string>;
  exit_note: Nullable<string>;
  updated_at: Timestamp;
}

/** Lighthouse weekly updates. */
export interface LighthouseUpdatesTable {
  id: string;
  program_id: string;
  author_user_id: string | null;
  author: string;
  body: string;
  created_at: Timestamp;
}

/** R4: the forecast of each quarter as it stood each week (the baseline of "changes this week"). */
export interface RenewalForecastSnapshotsTable {
  /** The Monday of the week, 'YYYY-MM-DD'. */
  week: Day;
  /** "2026-Q4". */
  quarter: string;
  renewals: number;
  arr_up: number;
  arr_at_risk: number;
  expected_arr: number;
  taken_at: Timestamp;
}

export type RenewalCycleRow = Selectable<RenewalCyclesTable>;
export type LighthouseProgramRow = Selectable<LighthouseProgramsTable>;
export type LighthouseUpdateRow = Selectable<LighthouseUpdatesTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    renewal_cycles: RenewalCyclesTable;
    lighthouse_programs: LighthouseProgramsTable;
    lighthouse_updates: LighthouseUpdatesTable;
    renewal_forecast_snapshots: RenewalForecastSnapshotsTable;
  }
}
