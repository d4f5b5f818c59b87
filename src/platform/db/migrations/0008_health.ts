import { sql, type Kysely } from "kysely";

/**
 * Customer health (issue 6, S1–S4): support tickets and logged activities feed the computed
 * traits, people set the manual ones, and every score is kept with its inputs as history. The
 * account carries its current score and band for the list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table support_tickets (
      id uuid primary key,
      account_id uuid not null references accounts(id),
      source text not null check (source in ('api', 'webhook', 'csv')),
      external_id text,
      kind text not null check (kind in ('defect', 'help')),
      severity integer check (severity between 0 and 3),
      subject text,
      opened_at timestamptz not null,
      closed_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create unique index support_tickets_external on support_tickets (external_id) where external_id is not null;
    create index support_tickets_account on support_tickets (account_id, opened_at desc);

    create table account_activities (
      id uuid primary key,
      account_id uuid not null references accounts(id),
      kind text not null check (kind in ('call', 'meeting', 'email', 'note')),
      at timestamptz not null,
      summary text not null,
      user_id uuid references users(id),
      created_by text not null,
      created_at timestamptz not null
    );
    create index account_activities_account on account_activities (account_id, at desc);

    create table health_manual_traits (
      account_id uuid not null references accounts(id),
      trait text not null,
      value jsonb not null,
      note text,
      set_by text not null,
      set_at timestamptz not null,
      primary key (account_id, trait)
    );

    create table health_scores (
      id bigint generated always as identity primary key,
      account_id uuid not null references accounts(id),
      at timestamptz not null,
      score double precision,
      band text check (band in ('green', 'yellow', 'red')),
      missing_data boolean not null,
      model text not null,
      inputs jsonb not null,
      result jsonb not null,
      cause text not null
    );
    create index health_scores_account on health_scores (account_id, at desc, id desc);

    alter table accounts
      add column health_score double precision,
      add column health_band text,
      add column health_missing_data boolean,
      add column health_at timestamptz;
    create index accounts_health on accounts (health_score, id);
  `.execute(db);
}
