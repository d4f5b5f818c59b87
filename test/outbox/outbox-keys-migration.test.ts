import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { migrateToLatest } from "../../src/platform/db/migrate.js";
import { enqueue } from "../../src/platform/outbox/enqueue.js";
import { loadPack } from "../../src/platform/pack/load-pack.js";
import { emptyDatabasePerTest, migrateBefore } from "../support/empty-database.js";

const openEmpty = emptyDatabasePerTest();

describe("migration 0013 (idempotency keys in outbox_keys)", () => {
  it("moves existing keys, so that an old key still refuses a second enqueue", async () => {
    const { db } = await openEmpty();
    await migrateBefore(db, "0013");
    const at = new Date("2026-01-05T09:00:00Z");
    for (const key of ["old:1", "old:2"]) {
      await sql`
        insert into outbox (channel, idempotency_key, payload, status, max_attempts, next_attempt_at, created_at, updated_at)
        values ('email', ${key}, '{}'::jsonb, 'delivered', 5, ${at}, ${at}, ${at})`.execute(db);
    }

    expect(await migrateToLatest(db)).toContain("0013_outbox_keys");

    const old = await db.selectFrom("outbox").select(["id", "idempotency_key"]).orderBy("id").execute();
    const keys = await db.selectFrom("outbox_keys").select(["idempotency_key", "outbox_id"]).orderBy("outbox_id").execute();
    expect(keys.map((k) => [k.idempotency_key, Number(k.outbox_id)])).toEqual(old.map((r) => [r.idempotency_key, Number(r.id)]));

    const { pack } = loadPack();
    const o = { channel: "email", payload: { to: ["a@example.com"], subject: "s", text: "t" }, at, pack } as const;
    expect(await enqueue(db, { ...o, idempotencyKey: "old:1" })).toBeNull();
    const fresh = await enqueue(db, { ...o, idempotencyKey: "new:1" });
    expect(fresh).toBeGreaterThan(Math.max(...old.map((r) => Number(r.id))));
    expect(await enqueue(db, { ...o, idempotencyKey: "new:1" })).toBeNull();
    expect(await db.selectFrom("outbox").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).toEqual({ n: 3 });
    expect(await db.selectFrom("outbox_keys").select(["outbox_id"]).where("idempotency_key", "=", "new:1").executeTakeFirst()).toEqual({
      outbox_id: fresh,
    });
    // The key no longer costs an index entry on every status change of outbox.
    const indexes = await sql<{ indexdef: string }>`select indexdef from pg_indexes where tablename = 'outbox'`.execute(db);
    expect(indexes.rows.filter((r) => r.indexdef.includes("idempotency_key"))).toEqual([]);
  });
});
