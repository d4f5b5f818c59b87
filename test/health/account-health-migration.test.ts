import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateToLatest } from "../../src/platform/db/migrate.js";
import { emptyDatabasePerTest, migrateBefore } from "../support/empty-database.js";

const openEmpty = emptyDatabasePerTest();

describe("migration 0014 (the score in force in account_health)", () => {
  it("S1 moves every scored account's score, band, missing flag and since-when; unscored accounts get no row", async () => {
    const { db } = await openEmpty();
    await migrateBefore(db, "0014");
    const at = new Date("2026-03-02T06:00:00Z");
    const scored = "00000000-0000-4000-8000-000000000001";
    const unscored = "00000000-0000-4000-8000-000000000002";
    await sql`
      insert into accounts (id, name, health_score, health_band, health_missing_data, health_at, created_at, updated_at)
      values (${scored}, 'Scored', 41.5, 'yellow', true, ${at}, ${at}, ${at}), (${unscored}, 'Unscored', null, null, null, null, ${at}, ${at})`.execute(db);

    expect(await migrateToLatest(db)).toContain("0014_account_health");

    const rows = await db.selectFrom("account_health").selectAll().execute();
    expect(rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }))).toEqual([
      { account_id: scored, score: 41.5, band: "yellow", missing_data: true, at: at.toISOString() },
    ]);
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'accounts' and column_name like 'health%' order by column_name`.execute(db);
    // Only the red flag a person sets stays on the account.
    expect(columns.rows.map((c) => c.column_name)).toEqual(["health_red_flag_at", "health_red_flag_by", "health_red_flag_reason"]);
  });
});
