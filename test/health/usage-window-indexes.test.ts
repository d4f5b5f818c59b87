import { describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import { migrateToLatest } from "../../src/platform/db/migrate.js";
import { emptyDatabasePerTest } from "../support/empty-database.js";

const openEmpty = emptyDatabasePerTest();

/** The plan of a statement, as JSON text, with sequential scans ruled out where any index can serve. */
async function planOf<DB>(db: Kysely<DB>, statement: string): Promise<string> {
  return db.connection().execute(async (c) => {
    await sql`set enable_seqscan = off`.execute(c);
    try {
      const { rows } = await sql.raw<Record<string, unknown>>(`explain (format json) ${statement}`).execute(c);
      return JSON.stringify(rows);
    } finally {
      await sql`reset enable_seqscan`.execute(c);
    }
  });
}

describe("migration 0017 (usage windows read by day)", () => {
  it("S1 L the book's usage windows are read from an index on the day or month, not by scanning every instance's history", async () => {
    const { db } = await openEmpty();
    await migrateToLatest(db);
    const instance = "00000000-0000-4000-8000-00000000000a";
    // Four hundred days of history, of which a window reads 28.
    await sql`
      insert into usage_days (instance_id, day, active_users, events)
      select ${instance}::uuid, date '2026-11-15' - d, 5, 10 from generate_series(1, 400) d`.execute(db);
    await sql`analyze usage_days`.execute(db);

    const days = await planOf(db, "select instance_id, sum(active_users) from usage_days where day between date '2026-10-18' and date '2026-11-14' group by instance_id");
    expect(days).toContain("usage_days_day");
    const pings = await planOf(db, "select instance_id, max(mau) from usage_pings where day >= date '2026-10-01' and day < date '2026-11-01' group by instance_id");
    expect(pings).toContain("usage_pings_day");
    const months = await planOf(db, "select instance_id, active_users from usage_months where month = date '2026-10-01'");
    expect(months).toContain("usage_months_month");
  });
});
