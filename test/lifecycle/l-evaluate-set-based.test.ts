import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAllStages, planAllStages, writeStagePlans } from "../../src/domains/lifecycle/evaluate-all-stages.js";
import { evaluateAccountStage } from "../../src/domains/lifecycle/evaluate-stage.js";
import { planChanges } from "../../src/domains/lifecycle/stage-plan.js";
import { ruleActor, systemActor } from "../../src/platform/timeline/actor.js";
import { addInstance, advance, bookWorld, daysFromToday, setUsage, type BookWorld } from "../handoff/book-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

const N = 240;

/** N customers closed 59 days ago, in onboarding; every third of the first 30 has an instance with usage. */
async function seedBook(): Promise<{ ids: string[]; withUsage: string[] }> {
  const now = w.server.ctx.clock.now();
  const closedOn = daysFromToday(w, -59);
  const ids = Array.from({ length: N }, () => randomUUID());
  await w.server.ctx.db
    .insertInto("accounts")
    .values(
      ids.map((id, i) => ({
        id,
        name: `Setco ${i}`,
        account_type: "Customer",
        customer: true,
        closed_on: closedOn,
        contract_start: closedOn,
        contract_end: daysFromToday(w, i % 2 === 0 ? 300 : 121),
        seats: 100,
        in_book_at: now,
        stage: "1. Onboarding",
        stage_reason: "seeded",
        stage_since: now,
        // Keeps the per-account rules (L2, H5 contacts) out of this test: it is about L.evaluate.
        onboarding_target_missed_at: now,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  // Keeps R1 out too: the renewing half already has its renewal cycle open.
  await w.server.ctx.db
    .insertInto("renewal_cycles")
    .values(
      ids
        .filter((_, i) => i % 2 !== 0)
        .map((account_id) => ({ id: randomUUID(), account_id, renewal_date: daysFromToday(w, 121), status: "open" as const, opened_at: now, arr_at_open: null, updated_at: now })),
    )
    .execute();
  await w.server.ctx.db
    .insertInto("contacts")
    .values(ids.map((account_id) => ({ id: randomUUID(), account_id, name: "Champ", roles: JSON.stringify(["Champion"]), created_at: now, updated_at: now })))
    .execute();
  const withUsage: string[] = [];
  for (const [i, id] of ids.entries()) {
    if (i % 3 !== 0 || i > 30) continue;
    const instanceId = await addInstance(w, id, { slug: `set${i}` });
    await setUsage(w, instanceId, { mau: 90, dau: 20, asOf: daysFromToday(w, 1) });
    withUsage.push(id);
  }
  return { ids, withUsage };
}

const historyCount = async (ids: string[]) =>
  Number((await sql<{ n: string }>`select count(*) as n from account_stage_history where account_id = any(${ids}::uuid[])`.execute(w.server.ctx.db)).rows[0]?.n);

describe("L.evaluate set-based", () => {
  it("L.evaluate moves the whole book in one firing, with history, timeline and audit for each move, and writes only changed rows after", async () => {
    const { ids, withUsage } = await seedBook();
    const fired = await advance(w, 1); // day 60 for all: Adopting (or Renewing for the half renewing in 120 days)
    expect(fired["L.evaluate"]).toBe(1);
    const rows = await w.server.ctx.db.selectFrom("accounts").select(["id", "stage", "usage_mau", "usage_at", "updated_at"]).where("id", "in", ids).execute();
    const stages = new Map(rows.map((r) => [r.id, r.stage]));
    ids.forEach((id, i) => expect(stages.get(id), `account ${i}`).toBe(i % 2 === 0 ? "2. Adopting" : "4. Renewing"));
    expect(await historyCount(ids)).toBe(N);
    const events = await sql<{ n: string }>`select count(*) as n from timeline_events where kind = 'account.stage_changed' and rule_id = 'L.evaluate' and subject_id = any(${ids})`.execute(w.server.ctx.db);
    expect(Number(events.rows[0]?.n)).toBe(N);
    const audits = await sql<{ n: string }>`select count(*) as n from audit_log where action = 'account.stage_changed' and subject_id = any(${ids})`.execute(w.server.ctx.db);
    expect(Number(audits.rows[0]?.n)).toBe(N);
    const withSnapshot = rows.filter((r) => r.usage_mau !== null).map((r) => r.id).sort();
    expect(withSnapshot).toEqual([...withUsage].sort());

    // The single-account path agrees with the set-based one: nothing left to change.
    const ctx = w.server.ctx;
    await ctx.db.transaction().execute(async (trx) => {
      for (const id of ids.slice(0, 20)) {
        const plan = await evaluateAccountStage(trx, ctx, id, systemActor("test"));
        expect(plan && planChanges(plan) && plan.stage !== undefined).toBe(false);
      }
    });

    // Next day: no stage moves, so no history; rows without usage are not written at all.
    const before = new Map(rows.map((r) => [r.id, r.updated_at.getTime()]));
    await advance(w, 1);
    expect(await historyCount(ids)).toBe(N);
    const after = await w.server.ctx.db.selectFrom("accounts").select(["id", "updated_at"]).where("id", "in", ids).execute();
    expect(after.every((r) => r.updated_at.getTime() === before.get(r.id))).toBe(true);
  });

  it("L.evaluate skips a row changed since it was read (the concurrent change wins; the next evaluation sees it)", async () => {
    const ctx = w.server.ctx;
    const id = randomUUID();
    const now = ctx.clock.now();
    await ctx.db
      .insertInto("accounts")
      .values({ id, name: "Racer", closed_on: daysFromToday(w, -100), contract_end: daysFromToday(w, 300), seats: 10, in_book_at: now, stage: "1. Onboarding", created_at: now, updated_at: now })
      .execute();
    const result = await ctx.db.transaction().execute(async (trx) => {
      const { changed } = await planAllStages(trx, ctx);
      expect(changed.some((c) => c.plan.accountId === id && c.plan.stage?.to === "2. Adopting")).toBe(true);
      // A use case writes the row between the read and the write (a new row version).
      await trx.updateTable("accounts").set({ name: "Racer 2" }).where("id", "=", id).execute();
      return writeStagePlans(trx, changed.filter((c) => c.plan.accountId === id), ctx.clock.now(), ruleActor("L.evaluate", "test"));
    });
    expect(result).toEqual({ written: 0, stageChanges: 0, skipped: 1 });
    expect((await ctx.db.selectFrom("accounts").select("stage").where("id", "=", id).executeTakeFirstOrThrow()).stage).toBe("1. Onboarding");
    await ctx.db.transaction().execute((trx) => evaluateAllStages(trx, ctx, ruleActor("L.evaluate", "test")));
    expect((await ctx.db.selectFrom("accounts").select("stage").where("id", "=", id).executeTakeFirstOrThrow()).stage).toBe("2. Adopting");
  });
});
