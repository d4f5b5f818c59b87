import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * The typed database. Platform tables are declared here; each domain adds its own tables by
 * augmenting this interface from its schema.ts (`declare module ... { interface Database }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- augmented by domains
export interface Database extends PlatformTables {}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T = unknown> = ColumnType<T, string, string>;

export type ActorType = "user" | "api_token" | "rule" | "system";

export interface PlatformTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  timeline_events: TimelineEventsTable;
  outbox: OutboxTable;
  outbox_attempts: OutboxAttemptsTable;
  outbox_keys: OutboxKeysTable;
  webhook_endpoints: WebhookEndpointsTable;
  scheduler_firings: SchedulerFiringsTable;
  scheduler_runs: SchedulerRunsTable;
  clock_state: ClockStateTable;
  app_settings: AppSettingsTable;
  pack_versions: PackVersionsTable;
  workers: WorkersTable;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  booking_url: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  prefix: string;
  role: string;
  user_id: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: Timestamp;
  ok: boolean;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string;
  rule_id: string | null;
  pack_version: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  data: Json<Record<string, unknown>>;
  request_id: string | null;
}

export interface TimelineEventsTable {
  id: Generated<number>;
  subject_type: string;
  subject_id: string;
  at: Timestamp;
  kind: string;
  summary: string;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string;
  rule_id: string | null;
  pack_version: string | null;
  data: Json<Record<string, unknown>>;
}

export type OutboxStatus = "pending" | "sending" | "retrying" | "delivered" | "dead" | "cancelled";

export interface OutboxTable {
  id: Generated<number>;
  channel: string;
  idempotency_key: string;
  payload: Json<Record<string, unknown>>;
  status: OutboxStatus;
  attempts: Generated<number>;
  max_attempts: number;
  next_attempt_at: Timestamp;
  lease_owner: string | null;
  lease_expires_at: Timestamp | null;
  last_error: string | null;
  subject_type: string | null;
  subject_id: string | null;
  rule_id: string | null;
  pack_version: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: Timestamp | null;
}

/** Insert-only: one row per idempotency key ever enqueued (migration 0013). */
export interface OutboxKeysTable {
  idempotency_key: string;
  outbox_id: number;
}

export interface OutboxAttemptsTable {
  id: Generated<number>;
  outbox_id: number;
  attempt: number;
  worker: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  outcome: "delivered" | "retry" | "dead" | "lease_lost";
  status_code: number | null;
  error: string | null;
  duration_ms: number | null;
}

export interface WebhookEndpointsTable {
  id: string;
  name: string;
  url: string;
  secret: string;
  event_types: Json<string[]>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SchedulerFiringsTable {
  id: Generated<number>;
  rule_id: string;
  subject_type: string;
  subject_id: string;
  period_key: string;
  due_at: Timestamp;
  fired_at: Timestamp;
  pack_version: string;
  worker: string;
}

export interface SchedulerRunsTable {
  rule_id: string;
  last_evaluated_at: Timestamp;
}

export interface ClockStateTable {
  id: number;
  now: Timestamp;
  updated_at: Timestamp;
}

export interface AppSettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface PackVersionsTable {
  version: string;
  effective_at: Timestamp;
  content: Json<Record<string, unknown>>;
  source: string;
  created_at: Timestamp;
}

export interface WorkersTable {
  id: string;
  kind: string;
  host: string;
  pid: number;
  started_at: Timestamp;
  last_seen_at: Timestamp;
  stopped_at: Timestamp | null;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type TimelineRow = Selectable<TimelineEventsTable>;
