import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestContext, type TestContext } from "../../../test/support/test-context.js";
import { recordChange, recordChanges } from "../timeline/record.js";
import { systemActor, ruleActor } from "../timeline/actor.js";

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe("database", () => {
  it("reads types the same on both engines", async () => {
    ctx = await createTestContext();
    const r = await sql<{ n: number; d: string; t: Date; j: { a: number } }>`
      select count(*) as n, date '2026-02-03' as d, timestamptz '2026-02-03T04:05:06Z' as t, '{"a":1}'::jsonb as j`.execute(ctx.db);
    expect(r.rows[0]).toEqual({ n: 1, d: "2026-02-03", t: new Date("2026-02-03T04:05:06Z"), j: { a: 1 } });
  });

  it("keeps the audit log and timeline append-only", async () => {
    ctx = await createTestContext();
    const c = ctx;
    await recordChange(c.db, {
      actor: ruleActor("T9", "2026.11.22"),
      action: "lead.warned",
      summary: "Warned",
      subject: { type: "lead", id: "l1" },
      at: c.clock.now(),
    });
    await expect(sql`update audit_log set action = 'x'`.execute(c.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from timeline_events`.execute(c.db)).rejects.toThrow(/append-only/);
    const rows = await c.db.selectFrom("audit_log").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rule_id: "T9", pack_version: "2026.11.22", actor_type: "rule" });
  });

  it("rolls back the timeline with a failed transaction", async () => {
    ctx = await createTestContext();
    const c = ctx;
    await expect(
      c.db.transaction().execute(async (trx) => {
        await recordChange(trx, {
          actor: systemActor(),
          action: "x.changed",
          summary: "Changed",
          subject: { type: "x", id: "1" },
          at: c.clock.now(),
        });
        throw new Error("half-way failure");
      }),
    ).rejects.toThrow("half-way failure");
    const n = await c.db.selectFrom("timeline_events").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });
  it("appends a timeline event and an audit row per change of a bulk change, with its text as given", async () => {
    ctx = await createTestContext();
    const c = ctx;
    const at = c.clock.now();
    const actor = ruleActor("S1.recompute", "2026.11.22");
    const changes = Array.from({ length: 7 }, (_, i) => ({
      actor,
      action: "account.health_band_changed",
      at,
      summary: i === 0 ? "Health\tgreen → red (32):\nUtilization poor \\ MAU/seats 0.42 < 0.5" : `Change ${i}`,
      subject: { type: "account", id: `a${i}` },
      data: { from: "green", to: i % 2 === 0 ? "red" : null, note: "é\t\"quoted\"" },
    }));
    await c.db.transaction().execute((trx) => recordChanges(trx, changes, 3));
    const events = await c.db.selectFrom("timeline_events").select(["subject_id", "summary", "data", "rule_id", "pack_version"]).orderBy("id").execute();
    expect(events).toEqual(changes.map((ch) => ({ subject_id: ch.subject.id, summary: ch.summary, data: ch.data, rule_id: "S1.recompute", pack_version: "2026.11.22" })));
    const audits = await c.db.selectFrom("audit_log").select(["subject_id", "action", "data", "reason", "request_id"]).orderBy("id").execute();
    expect(audits).toEqual(changes.map((ch) => ({ subject_id: ch.subject.id, action: ch.action, data: ch.data, reason: null, request_id: null })));
  });
});
