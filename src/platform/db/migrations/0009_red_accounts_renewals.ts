import { sql, type Kysely } from "kysely";

/**
 * Red accounts (S3) and renewals (R1–R5, Lighthouse). A red account has at most one open
 * tracker row at a time (opened when it turns red, by score or by a person's flag; resolved
 * when it is yellow or green again). A renewal cycle is one renewal date of one account; the
 * Lighthouse save program has at most one active program per account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table accounts
      add column health_red_flag_reason text,
      add column health_red_flag_by text,
      add column health_red_flag_at timestamptz;

    create table red_accounts (
      id uuid primary key,
      account_id uuid not null references accounts(id),
      trigger text not null check (trigger in ('score', 'manual')),
      reason text not null,
      score_at_open double precision,
      opened_at timestamptz not null,
      opened_by text not null,
      current_state text not null default '',
      business_needs text not null default '',
      updated_at timestamptz not null,
      updated_by text,
      resolved_at timestamptz,
      resolved_by text,
      resolution text
    );
    create unique index red_accounts_one_open on red_accounts (account_id) where resolved_at is null;
    create index red_accounts_opened on red_accounts (opened_at desc, id);

    create table red_account_actions (
      id uuid primary key,
      red_account_id uuid not null references red_accounts(id),
      title text not null,
      owner_user_id uuid references users(id),
      due_on date,
      done_at timestamptz,
      done_by text,
      created_by text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index red_account_actions_tracker on red_account_actions (red_account_id, created_at);

    create table red_account_comments (
      id uuid primary key,
      red_account_id uuid not null references red_accounts(id),
      author_user_id uuid references users(id),
      author text not null,
      body text not null,
      created_at timestamptz not null
    );
    create index red_account_comments_tracker on red_account_comments (red_account_id, created_at);

    create table renewal_cycles (
      id uuid primary key,
      account_id uuid not null references accounts(id),
      renewal_date date not null,
      status text not null check (status in ('open', 'processed')),
      opened_at timestamptz not null,
      arr_at_open double precision,
      assessment_doc_id uuid references docs(id),
      assessment_task_id uuid references tasks(id),
      rating text check (rating in ('green', 'yellow', 'red')),
      rating_note text,
      rated_by text,
      rated_at timestamptz,
      review_decision text check (review_decision in ('approved', 'changes_requested')),
      review_note text,
      reviewed_by text,
      reviewed_at timestamptz,
      projected_outcome text check (projected_outcome in ('full_churn', 'partial_churn', 'flat', 'incremental')),
      projected_arr double precision,
      projection_note text,
      projected_by text,
      projected_at timestamptz,
      outcome text check (outcome in ('full_churn', 'partial_churn', 'flat', 'incremental')),
      renewed_arr double precision,
      next_contract_start date,
      next_contract_end date,
      process_note text,
      processed_by text,
      processed_at timestamptz,
      updated_at timestamptz not null,
      unique (account_id, renewal_date)
    );
    create index renewal_cycles_status_date on renewal_cycles (status, renewal_date, id);

    create table lighthouse_programs (
      id uuid primary key,
      account_id uuid not null references accounts(id),
      renewal_cycle_id uuid references renewal_cycles(id),
      status text not null check (status in ('active', 'exited')),
      entry_reason text not null,
      entered_at timestamptz not null,
      entered_by text not null,
      save_plan text not null default '',
      success_criteria text not null default '',
      exec_sponsor_user_id uuid references users(id),
      exited_at timestamptz,
      exited_by text,
      exit_note text,
      updated_at timestamptz not null
    );
    create unique index lighthouse_one_active on lighthouse_programs (account_id) where status = 'active';
    create index lighthouse_programs_status on lighthouse_programs (status, entered_at desc);

    create table lighthouse_updates (
      id uuid primary key,
      program_id uuid not null references lighthouse_programs(id),
      author_user_id uuid references users(id),
      author text not null,
      body text not null,
      created_at timestamptz not null
    );
    create index lighthouse_updates_program on lighthouse_updates (program_id, created_at);

    create table renewal_forecast_snapshots (
      week date not null,
      quarter text not null,
      renewals integer not null,
      arr_up double precision not null,
      arr_at_risk double precision not null,
      expected_arr double precision not null,
      taken_at timestamptz not null,
      primary key (week, quarter)
    );
  `.execute(db);
}
