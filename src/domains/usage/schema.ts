import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns come back as "YYYY-MM-DD" strings (see platform/db/type-parsers.ts). */
type Day = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export type EventType = "track" | "identify" | "group";

export interface UsageBatchesTable {
  instance_id: string;
  batch_id: string;
  received_at: Timestamp;
  events: number;
}

export interface UsageEventsTable {
  instance_id: string;
  /** md5(event_key) as a uuid: the dedupe key. */
  key_hash: string;
  event_key: string;
  type: EventType;
  user_key: string;
  event: string | null;
  occurred_at: Timestamp;
  received_at: Timestamp;
  properties: Json<Record<string, unknown>>;
}

export interface UsageUserDaysTable {
  instance_id: string;
  user_key: string;
  day: Day;
  events: number;
}

export interface UsageDaysTable {
  instance_id: string;
  day: Day;
  active_users: Generated<number>;
  events: Generated<number>;
}

export interface UsageUserMonthsTable {
  instance_id: string;
  user_key: string;
  month: Day;
}

export interface UsageMonthsTable {
  instance_id: string;
  month: Day;
  active_users: Generated<number>;
}

export interface UsageUsersTable {
  instance_id: string;
  user_key: string;
  first_seen_at: Timestamp;
  last_active_day: Day | null;
  active_days: Generated<number>;
  traits: Json<Record<string, unknown>>;
}

export interface UsageFeaturesTable {
  instance_id: string;
  feature: string;
  first_used_at: Timestamp;
  first_user_key: string | null;
  source: "event" | "ping";
}

export interface UsagePingsTable {
  instance_id: string;
  day: Day;
  received_at: Timestamp;
  total_users: number;
  dau: number;
  wau: number;
  mau: number;
  code_hosts: number;
  repositories: number;
  version: string | null;
  precise_code_intel: boolean;
  features: Json<string[]>;
}

export interface UsageStateTable {
  instance_id: string;
  event_users: Generated<number>;
  ping_total_users: number | null;
  ping_mau: number | null;
  last_ping_day: Day | null;
  last_ping_at: Timestamp | null;
  code_hosts: number | null;
  repositories: number | null;
  version: string | null;
  precise_code_intel: boolean | null;
  last_activity_at: Timestamp | null;
  code_host_configured_at: Timestamp | null;
  non_admin_joined_at: Timestamp | null;
  pql_met_at: Timestamp | null;
  pql_criteria: Json<string[]>;
  seat_band: Generated<number>;
  updated_at: Timestamp;
}

export type UsageStateRow = Selectable<UsageStateTable>;

declare module "../../platform/db/database.js" {
  interface Database {
    usage_batches: UsageBatchesTable;
    usage_events: UsageEventsTable;
    usage_user_days: UsageUserDaysTable;
    usage_days: UsageDaysTable;
    usage_user_months: UsageUserMonthsTable;
    usage_months: UsageMonthsTable;
    usage_users: UsageUsersTable;
    usage_features: UsageFeaturesTable;
    usage_pings: UsagePingsTable;
    usage_state: UsageStateTable;
  }
}
