import { sql, type Kysely } from "kysely";

/**
 * The customer book (issue 5): accounts grow their deal, team, segment and lifecycle stage;
 * extra domains, contacts with roles, stage history, tasks (E7 board), rich-text docs with
 * versions, and saved list views. Instances belong to an account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table accounts
      add column account_type text not null default 'Prospect',
      add column expected_close_date date,
      add column closed_on date,
      add column arr integer check (arr is null or arr >= 0),
      add column seats integer check (seats is null or seats >= 0),
      add column developers integer check (developers is null or developers >= 0),
      add column contract_start date,
      add column contract_end date,
      add column deployment text check (deployment in ('cloud_managed', 'self_hosted')),
      add column ta_support_level text,
      add column ta_support_level_at timestamptz,
      add column in_book_at timestamptz,
      add column segment text,
      add column segment_reason text,
      add column coverage text,
      add column stage text,
      add column stage_reason text,
      add column stage_since timestamptz,
      add column stage_override text,
      add column stage_override_reason text,
      add column stage_override_by text,
      add column stage_override_at timestamptz,
      add column targets_met_at timestamptz,
      add column onboarding_target_missed_at timestamptz,
      add column ta_user_id uuid references users(id),
      add column ta_assigned_at timestamptz,
      add column tpm_user_id uuid references users(id),
      add column ie_user_id uuid references users(id),
      add column engagement_plan jsonb,
      add column kickoff_on date,
      add column production_subscription_id uuid references subscriptions(id),
      add column archived_at timestamptz,
      -- Usage snapshot over the account's active instances, written by the lifecycle evaluation
      -- (L): the list sorts and filters on it without touching the rollups.
      add column usage_mau integer,
      add column usage_dau_avg double precision,
      add column usage_mau_per_seat double precision,
      add column usage_dau_per_mau double precision,
      add column usage_at timestamptz,
      add constraint accounts_contract_dates check (contract_start is null or contract_end is null or contract_end > contract_start);

    create index accounts_name on accounts (lower(name), id);
    create index accounts_book on accounts (stage, segment) where in_book_at is not null;
    create index accounts_renewal on accounts (contract_end) where contract_end is not null;
    create index accounts_close on accounts (expected_close_date) where closed_on is null;
    create index accounts_ta on accounts (ta_user_id);
    create index accounts_ae on accounts (ae_user_id);
    create index accounts_arr on accounts (arr, id);
    create index accounts_usage on accounts (usage_mau_per_seat, id);

    -- Every domain of an account (the primary one included); unique across accounts.
    create table account_domains (
      domain text primary key,
      account_id uuid not null references accounts(id),
      created_at timestamptz not null
    );
    create index account_domains_account on account_domains (account_id);
    insert into account_domains (domain, account_id, created_at)
      select lower(domain), id, created_at from accounts where domain is not null;

    alter table instances add column account_id uuid references accounts(id);
    create index instances_account on instances (account_id);

    create table contacts (
      id uuid primary key,
      account_id uuid not null references accounts(id),
      name text not null,
      email text,
      title text,
      roles jsonb not null default '[]',
      tagged_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index contacts_account on contacts (account_id);
    create unique index contacts_email on contacts (account_id, lower(email)) where email is not null;

    create table account_stage_history (
      id bigint generated always as identity primary key,
      account_id uuid not null references accounts(id),
      at timestamptz not null,
      from_stage text,
      to_stage text not null,
      reason text not null,
      manual boolean not null default false,
      actor_label text not null,
      rule_id text,
      pack_version text
    );
    create index account_stage_history_account on account_stage_history (account_id, at desc, id desc);

    create table tasks (
      id uuid primary key,
      title text not null,
      description text not null default '',
      status text not null default 'todo' check (status in ('todo', 'in_progress', 'under_review', 'completed')),
      position double precision not null default 0,
      assignee_user_id uuid references users(id),
      team text,
      due_on date,
      account_id uuid references accounts(id),
      subject_type text,
      subject_id text,
      source text,
      source_key text unique,
      created_by text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      completed_at timestamptz,
      archived_at timestamptz
    );
    create index tasks_assignee on tasks (assignee_user_id, status, due_on) where archived_at is null;
    create index tasks_account on tasks (account_id, status) where archived_at is null;
    create index tasks_due on tasks (due_on) where status <> 'completed' and archived_at is null;
    create index tasks_team on tasks (team, status) where archived_at is null;

    create table docs (
      id uuid primary key,
      account_id uuid not null references accounts(id),
      template text,
      title text not null,
      body text not null,
      version integer not null default 1,
      source_key text unique,
      created_by text not null,
      created_at timestamptz not null,
      updated_by text not null,
      updated_at timestamptz not null
    );
    create index docs_account on docs (account_id, created_at desc);

    create table doc_versions (
      doc_id uuid not null references docs(id),
      version integer not null,
      title text not null,
      body text not null,
      edited_by_id text,
      edited_by text not null,
      edited_at timestamptz not null,
      primary key (doc_id, version)
    );

    create table saved_views (
      id uuid primary key,
      user_id uuid not null references users(id),
      page text not null,
      name text not null,
      query jsonb not null,
      shared boolean not null default false,
      created_at timestamptz not null
    );
    create unique index saved_views_name on saved_views (user_id, page, lower(name));
  `.execute(db);
}
