import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateToLatest } from "../../src/platform/db/migrate.js";
import { emptyDatabasePerTest, migrateBefore } from "../support/empty-database.js";

const openEmpty = emptyDatabasePerTest();

describe("migrations 0014–0016 (the current health in account_health, the history of superseded scores)", () => {
  it("S1 moves every scored account's score, band, missing flag and since-when; unscored accounts get no row", async () => {
    const { db } = await openEmpty();
    await migrateBefore(db, "0014");
    const at = new Date("2026-03-02T06:00:00Z");
    const scored = "00000000-0000-4000-8000-000000000001";
    const unscored = "00000000-0000-4000-8000-000000000002";
    await sql`
      insert into accounts (id, name, health_score, health_band, health_missing_data, health_at, created_at, updated_at)
      values (${scored}, 'Scored', 41.5, 'yellow', true, ${at}, ${at}, ${at}), (${unscored}, 'Unscored', null, null, null, null, ${at}, ${at})`.execute(db);

    await migrateBefore(db, "0015");

    const rows = await sql<{ account_id: string; score: number; band: string; missing_data: boolean; at: Date }>`select * from account_health`.execute(db).then((r) => r.rows);
    expect(rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }))).toEqual([
      { account_id: scored, score: 41.5, band: "yellow", missing_data: true, at: at.toISOString() },
    ]);
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'accounts' and column_name like 'health%' order by column_name`.execute(db);
    // Only the red flag a person sets stays on the account.
    expect(columns.rows.map((c) => c.column_name)).toEqual(["health_red_flag_at", "health_red_flag_by", "health_red_flag_reason"]);
  });

  it("S1 0015 carries each scored account's latest inputs, model, pack version and cause over; the history stays as it was", async () => {
    const { db } = await openEmpty();
    await migrateBefore(db, "0015");
    const day1 = new Date("2026-03-01T06:00:00Z");
    const day2 = new Date("2026-03-02T06:00:00Z");
    const id = "00000000-0000-4000-8000-000000000003";
    await sql`insert into accounts (id, name, created_at, updated_at) values (${id}, 'Scored', ${day1}, ${day1})`.execute(db);
    await sql`
      insert into health_scores (account_id, at, score, band, missing_data, model, inputs, pack_version, cause) values
        (${id}, ${day1}, 80, 'green', false, 'default', '{"traits":{"daysSinceLastActivity":1}}', '2026.1', 'recompute'),
        (${id}, ${day2}, 80, 'green', false, 'enterprise', '{"traits":{"daysSinceLastActivity":2}}', '2026.2', 'daily')`.execute(db);
    await sql`insert into account_health (account_id, score, band, missing_data, at) values (${id}, 80, 'green', false, ${day1})`.execute(db);

    await migrateBefore(db, "0016");

    const row = await db.selectFrom("account_health").selectAll().executeTakeFirstOrThrow();
    expect({ ...row, at: new Date(row.at).toISOString(), computed_at: new Date(row.computed_at).toISOString() }).toEqual({
      account_id: id,
      score: 80,
      band: "green",
      missing_data: false,
      // In force since the first of the two rows; computed last from the second.
      at: day1.toISOString(),
      model: "enterprise",
      inputs: { traits: { daysSinceLastActivity: 2 } },
      pack_version: "2026.2",
      result: null,
      cause: "daily",
      computed_at: day2.toISOString(),
      revision: 1,
    });
    expect(await db.selectFrom("health_scores").select("id").execute()).toHaveLength(2);
    const options = await sql<{ reloptions: string[] | null }>`select reloptions from pg_class where relname = 'account_health'`.execute(db);
    expect(options.rows[0]?.reloptions).toEqual(["fillfactor=50"]);
  });

  it("S1 0016 keeps only superseded scores in the history; the score in force keeps what set it", async () => {
    const { db } = await openEmpty();
    await migrateBefore(db, "0016");
    const day = (d: number) => new Date(`2026-03-0${d}T06:00:00Z`);
    const id = "00000000-0000-4000-8000-000000000004";
    const unscored = "00000000-0000-4000-8000-000000000005";
    await sql`insert into accounts (id, name, created_at, updated_at) values (${id}, 'Scored', ${day(1)}, ${day(1)}), (${unscored}, 'History only', ${day(1)}, ${day(1)})`.execute(db);
    // 70 set on day 1 by a ticket; 80 set on day 2 by a recompute; a drift row of 80 on day 3 (written before 0015).
    await sql`
      insert into health_scores (account_id, at, score, band, missing_data, model, inputs, pack_version, cause) values
        (${id}, ${day(1)}, 70, 'yellow', false, 'default', '{"traits":{}}', '2026.1', 'ticket'),
        (${id}, ${day(2)}, 80, 'green', false, 'default', '{"traits":{}}', '2026.1', 'recompute'),
        (${id}, ${day(3)}, 80, 'green', false, 'default', '{"traits":{}}', '2026.1', 'daily'),
        (${unscored}, ${day(1)}, 50, 'yellow', false, 'default', '{"traits":{}}', '2026.1', 'ticket')`.execute(db);
    await sql`
      insert into account_health (account_id, score, band, missing_data, at, model, inputs, pack_version, cause, computed_at)
      values (${id}, 80, 'green', false, ${day(2)}, 'default', '{"traits":{}}', '2026.1', 'daily', ${day(4)})`.execute(db);

    expect(await migrateToLatest(db)).toContain("0016_history_of_superseded_scores");

    const history = await db.selectFrom("health_scores").select(["account_id", "score", "cause"]).orderBy("id").execute();
    expect(history).toEqual([
      { account_id: id, score: 70, cause: "ticket" },
      { account_id: unscored, score: 50, cause: "ticket" },
    ]);
    expect(await db.selectFrom("account_health").select(["score_cause", "cause"]).executeTakeFirstOrThrow()).toEqual({ score_cause: "recompute", cause: "daily" });
    const indexes = await sql<{ indexname: string }>`
      select indexname from pg_indexes where tablename in ('account_health', 'health_scores') order by indexname`.execute(db);
    expect(indexes.rows.map((r) => r.indexname)).toEqual(["account_health_at", "account_health_pkey", "account_health_score", "health_scores_account", "health_scores_pkey"]);
  });
});
