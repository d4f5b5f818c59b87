import { sql, type Kysely } from "kysely";

/**
 * S1, L: the book-wide usage reads take a window of days or one month across every instance
 * (the full health recompute's 28-day DAU and last month's MAU; the lifecycle evaluation's DAU
 * window). The primary keys lead with the instance, so those reads scanned the whole table, and
 * they grew with the usage history kept: with a year of usage days, the full recompute's reads
 * took 4–4.5 s instead of 1.3–2 s. An index on the day (the month) makes them read the window
 * alone (decision 0030). Ingest writes one usage-day row per instance and day, so the extra index
 * costs it little.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index usage_days_day on usage_days (day);
    create index usage_pings_day on usage_pings (day);
    create index usage_months_month on usage_months (month);
  `.execute(db);
}
