import { sql, type Kysely } from "kysely";

/**
 * S1's score in force moves from four columns of accounts to a narrow table of its own. A full
 * recompute rewrites it for every account whose score moved (all of them the first time), and an
 * accounts row is wide and carries some twenty indexes (trigram search, list sorts, owners): an
 * update there writes a new entry in each, where account_health has two. 100,000 score updates
 * took about 9 s on accounts and 0.8 s here, on the same machine (decision 0024). The red flag a
 * person sets stays on accounts: it is an edit of the account, rare, not a computed value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table account_health (
      account_id uuid primary key references accounts(id) on delete cascade,
      score double precision,
      band text,
      missing_data boolean not null,
      at timestamptz not null
    );
    insert into account_health (account_id, score, band, missing_data, at)
      select id, health_score, health_band, coalesce(health_missing_data, false), health_at from accounts where health_at is not null;
    create index account_health_score on account_health (score, account_id);
    drop index accounts_health;
    alter table accounts drop column health_score, drop column health_band, drop column health_missing_data, drop column health_at;
  `.execute(db);
}
