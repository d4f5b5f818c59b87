import { sql, type Kysely } from "kysely";

/** Platform tables: identity, audit, timeline, outbox, scheduler, settings, pack versions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table users (
      id uuid primary key,
      email text not null unique,
      name text not null,
      role text not null,
      password_hash text,
      booking_url text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table sessions (
      id_hash text primary key,
      user_id uuid not null references users(id),
      csrf_token text not null,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text,
      revoked_at timestamptz
    );
    create index sessions_user on sessions(user_id);
    create table api_tokens (
      id uuid primary key,
      name text not null,
      token_hash text not null unique,
      prefix text not null,
      role text not null,
      user_id uuid references users(id),
      created_at timestamptz not null,
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    create table login_attempts (
      id bigserial primary key,
      email text not null,
      ip text not null,
      at timestamptz not null,
      ok boolean not null
    );
    create index login_attempts_email_at on login_attempts(email, at);
    create index login_attempts_ip_at on login_attempts(ip, at);

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor_type text not null,
      actor_id text,
      actor_label text not null,
      rule_id text,
      pack_version text,
      action text not null,
      subject_type text,
      subject_id text,
      reason text,
      data jsonb not null default '{}',
      request_id text
    );
    create index audit_log_at on audit_log(at desc, id desc);
    create index audit_log_subject on audit_log(subject_type, subject_id);

    create table timeline_events (
      id bigserial primary key,
      subject_type text not null,
      subject_id text not null,
      at timestamptz not null,
      kind text not null,
      summary text not null,
      actor_type text not null,
      actor_id text,
      actor_label text not null,
      rule_id text,
      pack_version text,
      data jsonb not null default '{}'
    );
    create index timeline_subject_at on timeline_events(subject_type, subject_id, at desc, id desc);

    -- The audit log and timeline are append-only: the database refuses updates and deletes.
    create function trellis_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'table % is append-only', TG_TABLE_NAME using errcode = 'P0001';
    end $$;
    create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function trellis_refuse_change();
    create trigger timeline_append_only before update or delete on timeline_events
      for each row execute function trellis_refuse_change();

    create table outbox (
      id bigserial primary key,
      channel text not null,
      idempotency_key text not null unique,
      payload jsonb not null,
      status text not null default 'pending',
      attempts integer not null default 0,
      max_attempts integer not null,
      next_attempt_at timestamptz not null,
      lease_owner text,
      lease_expires_at timestamptz,
      last_error text,
      subject_type text,
      subject_id text,
      rule_id text,
      pack_version text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      delivered_at timestamptz
    );
    create index outbox_due on outbox(next_attempt_at) where status in ('pending', 'retrying');
    create index outbox_leased on outbox(lease_expires_at) where status = 'sending';
    create index outbox_status_created on outbox(status, created_at desc);

    create table outbox_attempts (
      id bigserial primary key,
      outbox_id bigint not null references outbox(id),
      attempt integer not null,
      worker text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      outcome text not null,
      status_code integer,
      error text,
      duration_ms integer
    );
    create index outbox_attempts_outbox on outbox_attempts(outbox_id, attempt);

    create table webhook_endpoints (
      id uuid primary key,
      name text not null,
      url text not null,
      secret text not null,
      event_types jsonb not null default '[]',
      active boolean not null default true,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    create table scheduler_firings (
      id bigserial primary key,
      rule_id text not null,
      subject_type text not null,
      subject_id text not null,
      period_key text not null,
      due_at timestamptz not null,
      fired_at timestamptz not null,
      pack_version text not null,
      worker text not null,
      unique (rule_id, subject_type, subject_id, period_key)
    );
    create table scheduler_runs (
      rule_id text primary key,
      last_evaluated_at timestamptz not null
    );
    create table clock_state (
      id integer primary key check (id = 1),
      now timestamptz not null,
      updated_at timestamptz not null
    );
    create table app_settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null,
      updated_by text
    );
    create table pack_versions (
      version text primary key,
      effective_at timestamptz not null,
      content jsonb not null,
      source text not null,
      created_at timestamptz not null
    );
    create table workers (
      id text primary key,
      kind text not null,
      host text not null,
      pid integer not null,
      started_at timestamptz not null,
      last_seen_at timestamptz not null,
      stopped_at timestamptz
    );
  `.execute(db);
}
