import { sql, type Kysely } from "kysely";

/**
 * S1: account_health holds the account's current health in full — the score in force and since
 * when, plus the inputs, model and pack version it was last computed from, when and why — and
 * health_scores becomes the history of the score: a row when the score, band or missing-data
 * flag moves, no longer one each time a trait value drifts within its grade (decision 0025).
 * Every account's days since its last activity and usage window move every day, so the history
 * took a row per account per day (36 million a year for 100,000 accounts) that repeated facts
 * the usage, ticket and activity tables already keep. `revision` counts the writes of the row:
 * the full recompute writes an account only if no one rewrote it since it was read.
 *
 * The table is rebuilt (fillfactor 50) so that an update that leaves the score alone stays on
 * its page and writes no index entry (HOT): 100,000 such updates took 0.4 s, where inserting as
 * many history rows took 1.8 s. Filled from each account's latest history row (an account with
 * none, which no code path leaves, is left unscored: its next view or recompute scores it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table account_health_next (
      account_id uuid primary key references accounts(id) on delete cascade,
      score double precision,
      band text,
      missing_data boolean not null,
      at timestamptz not null,
      model text not null,
      inputs jsonb not null,
      pack_version text,
      result jsonb,
      cause text not null,
      computed_at timestamptz not null,
      revision bigint not null default 1
    ) with (fillfactor = 50);
    insert into account_health_next (account_id, score, band, missing_data, at, model, inputs, pack_version, result, cause, computed_at)
      select h.account_id, h.score, h.band, h.missing_data, h.at, l.model, l.inputs, l.pack_version, l.result, l.cause, l.at
      from account_health h
      cross join lateral (
        select model, inputs, pack_version, result, cause, at from health_scores s
        where s.account_id = h.account_id order by s.at desc, s.id desc limit 1
      ) l;
    drop table account_health;
    alter table account_health_next rename to account_health;
    alter index account_health_next_pkey rename to account_health_pkey;
    alter table account_health rename constraint account_health_next_account_id_fkey to account_health_account_id_fkey;
    create index account_health_score on account_health (score, account_id);
  `.execute(db);
}
