import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export const TICKET_KINDS = ["defect", "help"] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];
export const TICKET_SOURCES = ["api", "webhook", "csv"] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];
export const ACTIVITY_KINDS = ["call", "meeting", "email", "note"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** S2 inputs: support tickets (defect or help, severity 0–3 as in the X support SLAs). */
export interface SupportTicketsTable {
  id: string;
  account_id: string;
  source: TicketSource;
  /** The help desk's id; a ticket sent twice (webhook retry, re-imported CSV) updates the first. */
  external_id: string | null;
  kind: TicketKind;
  severity: number | null;
  subject: string | null;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** S2 "days since last activity": calls, meetings, emails, notes logged on the account. */
export interface AccountActivitiesTable {
  id: string;
  account_id: string;
  kind: ActivityKind;
  at: Timestamp;
  summary: string;
  user_id: string | null;
  created_by: string;
  created_at: Timestamp;
}

/** The traits people set (TA pulse, active champion, access to buyer), per account. */
export interface HealthManualTraitsTable {
  account_id: string;
  trait: string;
  value: Json<unknown>;
  note: string | null;
  set_by: string;
  set_at: Timestamp;
}

/**
 * The history of the score: each score an account had before the one in force (account_health),
 * written when the next one took over, with the inputs, model and pack version it was last
 * computed from (migration 0016, decision 0027). With the score in force it is the trend.
 */
export interface HealthScoresTable {
  id: Generated<number>;
  account_id: string;
  at: Timestamp;
  score: number | null;
  band: "green" | "yellow" | "red" | null;
  missing_data: boolean;
  model: string;
  inputs: Json<Record<string, unknown>>;
  /** The rendered result of rows written before 0011; newer rows rebuild it (stored-result.ts). */
  result: Json<unknown> | null;
  /** The pack version that scored it (null before 0011). */
  pack_version: string | null;
  /** What set this score: "ticket", "activity", "trait:taPulse", "usage", "recompute"… */
  cause: string;
}

/**
 * S1: the current health of every scored account: the score in force (0–100, null when not
 * enough is known), its band, whether some input is missing and since when; and what it was
 * last computed from (inputs, model, pack version), when and why. Kept apart from the wide,
 * heavily indexed accounts row (migration 0014) because a full recompute rewrites it; the
 * inputs are rewritten whenever a trait value drifts (migration 0015, decision 0025). When the
 * score moves, the one it supersedes goes to the history (health_scores, decision 0027).
 */
export interface AccountHealthTable {
  account_id: string;
  score: number | null;
  band: string | null;
  missing_data: boolean;
  /** The score in force since. */
  at: Timestamp;
  model: string;
  inputs: Json<Record<string, unknown>>;
  /** The pack version that computed it (null: carried over from a history row before 0011). */
  pack_version: string | null;
  /** The rendered result, only when carried over from a history row written before 0011. */
  result: Json<unknown> | null;
  /** What triggered the last computation ("recompute" for a daily drift). */
  cause: string;
  /** What set the score in force (its history row's cause once superseded). */
  score_cause: string;
  /** When the inputs were last computed (a drift within the grades moves this, not `at`). */
  computed_at: Timestamp;
  /** Writes of the row so far: the full recompute's guard against a concurrent rescore. */
  revision: Generated<number>;
}

/** The score in force as the account's other code reads it (null columns: never scored). */
export interface HealthColumns {
  health_score: number | null;
  health_band: string | null;
  health_missing_data: boolean | null;
  health_at: Date | null;
}

export type SupportTicketRow = Selectable<SupportTicketsTable>;
export type AccountActivityRow = Selectable<AccountActivitiesTable>;
export type HealthScoreRow = Selectable<HealthScoresTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    support_tickets: SupportTicketsTable;
    account_activities: AccountActivitiesTable;
    health_manual_traits: HealthManualTraitsTable;
    health_scores: HealthScoresTable;
    account_health: AccountHealthTable;
  }
}
