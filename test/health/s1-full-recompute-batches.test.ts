import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { recomputeAllHealth } from "../../src/domains/health/recompute-all.js";
import { ruleActor } from "../../src/platform/timeline/actor.js";
import { addInstance, makeAccount } from "./health-fixtures.js";

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

const fullRecompute = (writeBatch: number) =>
  s.ctx.db.transaction().execute((trx) => recomputeAllHealth(trx, s.ctx, ruleActor("S1.recompute", s.ctx.packs.current().version), "recompute", { writeBatch }));

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
         create trigger refuse_health_row before insert on health_scores for each row execute function refuse_health_row();`,
      )
      .execute(s.ctx.db);
    try {
      await expect(fullRecompute(2)).rejects.toThrow(/refused by test/);
      expect(await scored(ids)).toEqual([]);
      expect(await s.ctx.db.selectFrom("health_scores").select("id").where("account_id", "in", ids).execute()).toEqual([]);
    } finally {
      await sql.raw(`drop trigger refuse_health_row on health_scores; drop function refuse_health_row();`).execute(s.ctx.db);
    }
    expect(await fullRecompute(2)).toMatchObject({ changed: expect.any(Number) });
    expect(await scored(ids)).toEqual([...ids].sort());
  });
});
