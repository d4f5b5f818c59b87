import { sql, type Kysely } from "kysely";

/**
 * Inbound cloud trials (issue 4): signup submissions (T2 failsafe), leads, trials with their
 * provisioning, subscriptions and immutable licenses, channels mirrored to Slack, access
 * requests (T3), and a minimal account book the qualification checks read (issue 5 extends it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table instances add column url text;
    alter table instances add column sso_enabled boolean not null default false;
    create index instances_admin_domain on instances (lower(split_part(admin_email, '@', 2))) where status = 'active';

    create table accounts (
      id uuid primary key,
      name text not null,
      domain text,
      crm_id text,
      customer boolean not null default false,
      strategic boolean not null default false,
      ae_user_id uuid references users(id),
      ce_user_id uuid references users(id),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index accounts_domain on accounts (lower(domain)) where domain is not null;

    create table signup_submissions (
      id uuid primary key,
      received_at timestamptz not null,
      ip text,
      email text,
      email_domain text,
      payload jsonb not null,
      status text not null check (status in ('received', 'processed', 'failed', 'spam')),
      error text,
      lead_id uuid,
      attempts integer not null default 0,
      processed_at timestamptz
    );
    create index signup_submissions_ip on signup_submissions (ip, received_at);
    create index signup_submissions_domain on signup_submissions (email_domain, received_at);
    create index signup_submissions_failed on signup_submissions (received_at desc) where status = 'failed';

    create table leads (
      id uuid primary key,
      email text not null,
      email_domain text not null,
      name text not null,
      company text not null,
      fields jsonb not null default '{}',
      campaign text not null,
      status text not null,
      substatus text,
      checks jsonb not null default '[]',
      account_id uuid references accounts(id),
      sdr_user_id uuid references users(id),
      ae_user_id uuid references users(id),
      ce_user_id uuid references users(id),
      submission_id uuid,
      existing_instance_ids jsonb not null default '[]',
      qualified_at timestamptz,
      disqualified_at timestamptz,
      handed_off_at timestamptz,
      pql_at timestamptz,
      converted_at timestamptz,
      ce_booked_at timestamptz,
      ce_booked_for timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index leads_email on leads (lower(email), created_at desc);
    create index leads_status on leads (status, created_at);
    create index leads_created on leads (created_at desc, id desc);

    create table trials (
      id uuid primary key,
      lead_id uuid not null unique references leads(id),
      state text not null check (state in ('queued', 'provisioning', 'provisioning_failed', 'running', 'ended', 'converted', 'terminated', 'cancelled')),
      slug text not null,
      company text not null,
      admin_email text not null,
      admin_name text not null,
      instance_id uuid references instances(id),
      growth_user_id uuid references users(id),
      provisioner text not null check (provisioner in ('webhook', 'manual')),
      approved_at timestamptz not null,
      provisioning_requested_at timestamptz,
      provisioning_due_at timestamptz,
      provisioning_attempt integer not null default 0,
      provisioning_error text,
      ready_at timestamptz,
      handed_off_at timestamptz,
      ends_at timestamptz,
      extended_days integer not null default 0,
      activated_at timestamptz,
      warning_sent_at timestamptz,
      admin_answered_at timestamptz,
      decision text check (decision in ('extend', 'convert', 'terminate')),
      decision_at timestamptz,
      decision_by text,
      decision_note text,
      closed_at timestamptz,
      close_reason text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index trials_live_slug on trials (slug) where state not in ('cancelled', 'terminated', 'converted');
    create index trials_state on trials (state, approved_at);
    create index trials_instance on trials (instance_id);

    create table subscriptions (
      id uuid primary key,
      name text not null,
      kind text not null check (kind in ('trial', 'production')),
      instance_id uuid references instances(id),
      trial_id uuid references trials(id),
      crm_account_id text,
      created_at timestamptz not null,
      created_by text not null
    );
    create index subscriptions_instance on subscriptions (instance_id);

    create table licenses (
      id uuid primary key,
      subscription_id uuid not null references subscriptions(id),
      key_id text not null,
      licensee text not null,
      user_count integer not null check (user_count >= 0),
      tags jsonb not null,
      expires_at timestamptz not null,
      nonce text not null,
      license_key text not null,
      created_at timestamptz not null,
      created_by text not null
    );
    create index licenses_subscription on licenses (subscription_id, created_at desc);
    create index licenses_expires on licenses (expires_at);

    -- X: licenses are immutable and append-only. The database refuses the change, whoever asks.
    create function licenses_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'licenses are immutable: issue a new license instead';
    end $$;
    create trigger licenses_no_update before update or delete on licenses
      for each row execute function licenses_immutable();

    create table channels (
      id uuid primary key,
      name text not null unique,
      kind text not null check (kind in ('feed', 'company')),
      subject_type text,
      subject_id text,
      slack_channel_id text,
      created_at timestamptz not null
    );
    create table channel_members (
      channel_id uuid not null references channels(id),
      user_id uuid not null references users(id),
      added_at timestamptz not null,
      primary key (channel_id, user_id)
    );
    create table channel_messages (
      id bigserial primary key,
      channel_id uuid not null references channels(id),
      at timestamptz not null,
      text text not null,
      actor_type text not null,
      actor_id text,
      actor_label text not null,
      rule_id text,
      pack_version text,
      subject_type text,
      subject_id text,
      outbox_id bigint
    );
    create index channel_messages_channel on channel_messages (channel_id, at desc, id desc);

    create table access_requests (
      id uuid primary key,
      instance_id uuid not null references instances(id),
      lead_id uuid references leads(id),
      email text not null,
      name text not null,
      message text,
      status text not null check (status in ('open', 'granted', 'declined')),
      created_at timestamptz not null,
      answered_at timestamptz,
      answered_by text,
      answer_note text
    );
    create unique index access_requests_open on access_requests (instance_id, lower(email)) where status = 'open';
    create index access_requests_status on access_requests (status, created_at);
  `.execute(db);
}
