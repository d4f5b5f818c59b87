import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Transaction } from "kysely";
import type { Database } from "../../src/platform/db/database.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { recomputeAllHealth } from "../../src/domains/health/recompute-all.js";
import { recomputeAccountHealth } from "../../src/domains/health/recompute.js";
import { ruleActor, systemActor } from "../../src/platform/timeline/actor.js";
import { testEngine } from "../support/test-context.js";
import { openDatabase } from "../../src/platform/db/open-database.js";
import { addActivity, addInstance, addTicket, makeAccount } from "./health-fixtures.js";

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

const fullRecompute = (writeBatch: number) =>
  s.ctx.db.transaction().execute((trx) => recomputeAllHealth(trx, s.ctx, ruleActor("S1.recompute", s.ctx.packs.current().version), "recompute", { writeBatch }));

/** Resolves once a connection of the test database waits for a row lock (PostgreSQL). */
async function someoneWaitsForALock(): Promise<void> {
  for (let waited = 0; waited <= 10_000; waited += 20) {
    const waiting = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(s.ctx.db);
    if ((waiting.rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("no connection ever waited for a lock");
}

/** Runs `work` in a transaction that, once `work` is done (`wrote`), stays open until release(). */
function heldOpen<T>(work: (trx: Transaction<Database>) => Promise<T>): { done: Promise<T>; wrote: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let written: () => void = () => undefined;
  const wrote = new Promise<void>((resolve) => (written = resolve));
  const done = s.ctx.db.transaction().execute(async (trx) => {
    const result = await work(trx);
    written();
    await released;
    return result;
  });
  return { done, wrote, release };
}

/**
 * A full recompute that has written and not yet committed, and meanwhile an on-change recompute
 * of `id` (cause "activity"), which waits for it; both results once the full one has committed.
 */
async function onChangeDuringFullRecompute(id: string) {
  const { done: full, wrote, release } = heldOpen((trx) =>
    recomputeAllHealth(trx, s.ctx, ruleActor("S1.recompute", s.ctx.packs.current().version), "recompute", { writeBatch: 2 }),
  );
  await wrote;
  const onChange = s.ctx.db.transaction().execute((trx) => recomputeAccountHealth(trx, s.ctx, id, systemActor("test"), "activity"));
  await someoneWaitsForALock();
  release();
  return { full: await full, onChange: await onChange };
}

const scored = async (ids: string[]) =>
  (await s.ctx.db.selectFrom("account_health").select("account_id").where("account_id", "in", ids).execute()).map((r) => r.account_id).sort();

describe("S1 full recompute in batches", () => {
  // Each batch is written while the next is scored: a failure in a later batch must still
  // reach the caller and undo the batches written before it.
  it("S1 a full recompute that fails in a later batch writes nothing", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = await makeAccount(s, { seats: 50 });
      await addInstance(s, id, { lastMonthMau: 40, dau: 20 });
      ids.push(id);
    }
    const last = ids.at(-1) ?? "";
    await sql
      .raw(
        `create function refuse_health_row() returns trigger language plpgsql as $$
         begin if new.account_id = '${last}' then raise exception 'refused by test'; end if; return new; end $$;
         create trigger refuse_health_row before insert on account_health for each row execute function refuse_health_row();`,
      )
      .execute(s.ctx.db);
    try {
      await expect(fullRecompute(2)).rejects.toThrow(/refused by test/);
      expect(await scored(ids)).toEqual([]);
      expect(await s.ctx.db.selectFrom("health_scores").select("id").where("account_id", "in", ids).execute()).toEqual([]);
    } finally {
      await sql.raw(`drop trigger refuse_health_row on account_health; drop function refuse_health_row();`).execute(s.ctx.db);
    }
    expect(await fullRecompute(2)).toMatchObject({ changed: expect.any(Number) });
    expect(await scored(ids)).toEqual([...ids].sort());
  });

  // Two connections: on PGlite (one connection) the on-change recompute could not run meanwhile.
  it.skipIf(testEngine() !== "postgres")("S1 an account rescored by an on-change recompute while a full recompute runs keeps the on-change score", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await makeAccount(s, { seats: 50 });
      await addInstance(s, id, { lastMonthMau: 40, dau: 20 });
      ids.push(id);
    }
    await fullRecompute(2);
    // Every account's inputs move (an activity today), so the next full recompute rewrites them all...
    for (const id of ids) await addActivity(s, id, 0);
    const target = ids[1] ?? "";
    const before = await s.ctx.db.selectFrom("account_health").select("revision").where("account_id", "=", target).executeTakeFirstOrThrow();
    // ...but one is held by another transaction, which rescores it once the full recompute has read it.
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const onChange = s.ctx.db.transaction().execute(async (trx) => {
      // As the on-change path holds it: the account's current health, read FOR UPDATE.
      await sql`select account_id from account_health where account_id = ${target} for update`.execute(trx);
      await released;
      await trx
        .insertInto("health_manual_traits")
        .values({ account_id: target, trait: "taPulse", value: JSON.stringify("poor"), note: null, set_by: "test", set_at: s.ctx.clock.now() })
        .execute();
      return recomputeAccountHealth(trx, s.ctx, target, systemActor("test"), "trait:taPulse");
    });
    const full = fullRecompute(2);
    // The full recompute has read every input and waits for the row.
    await someoneWaitsForALock();
    release();
    expect((await onChange)?.changed).toBe(true);
    expect(await full).toMatchObject({ changed: 2 });
    const after = await s.ctx.db.selectFrom("account_health").select(["cause", "revision", "inputs"]).where("account_id", "=", target).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ cause: "trait:taPulse", revision: before.revision + 1, inputs: { traits: { taPulse: "poor" } } });
    const causes = await s.ctx.db.selectFrom("account_health").select("cause").where("account_id", "in", ids).where("account_id", "!=", target).execute();
    expect(causes.map((c) => c.cause)).toEqual(["recompute", "recompute"]);
  });

  it.skipIf(testEngine() !== "postgres")("S1 an on-change recompute during a full recompute waits for it and finds nothing left to change", async () => {
    const id = await makeAccount(s, { seats: 50 });
    await addInstance(s, id, { lastMonthMau: 40, dau: 20 });
    await fullRecompute(2);
    const before = await s.ctx.db.selectFrom("account_health").select("revision").where("account_id", "=", id).executeTakeFirstOrThrow();
    // An activity today, written without a recompute: both recomputes below see the new input.
    await addActivity(s, id, 0);
    const { full, onChange } = await onChangeDuringFullRecompute(id);
    expect(full).toMatchObject({ changed: 1 });
    // It read what the full recompute committed, not the row as it was before: nothing to write.
    expect(onChange?.changed).toBe(false);
    expect(await s.ctx.db.selectFrom("account_health").select(["cause", "revision"]).where("account_id", "=", id).executeTakeFirstOrThrow()).toEqual({
      cause: "recompute",
      revision: before.revision + 1,
    });
  });

  // An account never scored has no row to hold: whichever inserts its first score first wins,
  // and the other, having waited for it, compares with that score rather than writing its own
  // (which would have superseded the first: a history row).
  const firstScores = async (id: string) => ({
    history: (await s.ctx.db.selectFrom("health_scores").select("id").where("account_id", "=", id).execute()).length,
    bandEvents: (
      await s.ctx.db.selectFrom("timeline_events").select("id").where("subject_id", "=", id).where("kind", "=", "account.health_band_changed").execute()
    ).length,
    current: await s.ctx.db.selectFrom("account_health").select(["cause", "revision"]).where("account_id", "=", id).executeTakeFirstOrThrow(),
  });

  it.skipIf(testEngine() !== "postgres")("S1 an on-change recompute of an account a full recompute is scoring for the first time waits and finds nothing to change", async () => {
    const id = await makeAccount(s, { seats: 50 });
    await addInstance(s, id, { lastMonthMau: 40, dau: 20 });
    const { full, onChange } = await onChangeDuringFullRecompute(id);
    expect(full).toMatchObject({ changed: expect.any(Number) });
    expect(onChange?.changed).toBe(false);
    expect(await firstScores(id)).toEqual({ history: 0, bandEvents: 1, current: { cause: "recompute", revision: 1 } });
  });

  it.skipIf(testEngine() !== "postgres")("S1 a full recompute leaves an account an on-change recompute is scoring for the first time as that one writes it", async () => {
    const id = await makeAccount(s, { seats: 50 });
    await addInstance(s, id, { lastMonthMau: 40, dau: 20 });
    const { done: onChange, wrote, release } = heldOpen((trx) => recomputeAccountHealth(trx, s.ctx, id, systemActor("test"), "activity"));
    await wrote;
    const full = fullRecompute(2);
    await someoneWaitsForALock();
    release();
    expect((await onChange)?.changed).toBe(true);
    await full;
    expect(await firstScores(id)).toEqual({ history: 0, bandEvents: 1, current: { cause: "activity", revision: 1 } });
  });

  // On PostgreSQL the inputs are read beside the recompute's transaction, on connections of
  // their own (book-inputs.ts): they would not see what that transaction has written itself.
  it("S1 a full recompute in a transaction that already wrote an input scores with that input", async () => {
    const id = await makeAccount(s, { seats: 50 });
    await addInstance(s, id, { lastMonthMau: 40, dau: 20 });
    await fullRecompute(2);
    const traits = await s.ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("support_tickets")
        .values({ id: crypto.randomUUID(), account_id: id, source: "api", kind: "help", opened_at: s.ctx.clock.now(), created_at: s.ctx.clock.now(), updated_at: s.ctx.clock.now() })
        .execute();
      await recomputeAllHealth(trx, s.ctx, ruleActor("S1.recompute", s.ctx.packs.current().version), "recompute");
      const row = await trx.selectFrom("account_health").select("inputs").where("account_id", "=", id).executeTakeFirstOrThrow();
      return (row.inputs as { traits: Record<string, unknown> }).traits;
    });
    expect(traits.helpTickets90d).toBe(1);
  });

  it.skipIf(testEngine() !== "postgres")("S1 a full recompute with no connection to spare reads its inputs inside its own transaction", async () => {
    const id = await makeAccount(s, { seats: 50 });
    await addInstance(s, id, { lastMonthMau: 40, dau: 20 });
    await addTicket(s, id, "defect", 3);
    // One connection, which the transaction holds: reads beside it would wait for it forever.
    const small = await openDatabase({ databaseUrl: s.ctx.database.url, poolSize: 1 });
    try {
      const ctx = { ...s.ctx, db: small.db, dbConnections: small.connections };
      const result = await small.db.transaction().execute((trx) => recomputeAllHealth(trx, ctx, ruleActor("S1.recompute", ctx.packs.current().version), "recompute"));
      expect(result.changed).toBeGreaterThanOrEqual(1);
      const row = await small.db.selectFrom("account_health").select("inputs").where("account_id", "=", id).executeTakeFirstOrThrow();
      expect((row.inputs as { traits: Record<string, unknown> }).traits.defectTickets90d).toBe(1);
    } finally {
      await small.close();
    }
  });
});
