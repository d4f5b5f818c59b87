import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceClock } from "../../src/platform/scheduler/advance-clock.js";
import { allRules } from "../../src/runtime/rules.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { daysAgo, makeInstance, sendEvents, signalsOf } from "./usage-fixtures.js";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer({ config: { usageRetentionDays: 30 } });
});
afterAll(async () => {
  await server.close();
});

const count = async (table: "usage_events" | "usage_user_days") =>
  Number((await server.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("usage scheduled rules", () => {
  it("purges raw events past the retention and keeps the rollups; P2 seat utilisation falls when users go quiet", async () => {
    const inst = await makeInstance(server, { slug: "quiet", kind: "production", seats: 4 });
    const users = ["a", "b", "c"];
    const res = await sendEvents(server, inst.token, users.map((user) => ({ user, event: "search.submitted", timestamp: daysAgo(server, 1) })));
    expect(res.statusCode, res.body).toBe(202);
    const up = (await signalsOf(server, inst.id)).filter((s) => s.kind === "usage.seat_utilization_crossed");
    expect(up.map((s) => s.data.direction)).toEqual(["up"]);
    expect(await count("usage_events")).toBe(3);

    await advanceClock(server.ctx, allRules(), { by: 40 * 86_400_000, actor: systemActor("test") });

    expect(await count("usage_events")).toBe(0);
    expect(await count("usage_user_days")).toBe(3);
    const crossings = (await signalsOf(server, inst.id)).filter((s) => s.kind === "usage.seat_utilization_crossed");
    expect(crossings.map((s) => s.data.direction)).toEqual(["up", "down"]);
    const purge = await server.ctx.db.selectFrom("audit_log").select("data").where("action", "=", "usage.raw_events_purged").execute();
    expect(purge.length).toBeGreaterThan(0);
  });

  it("P2 a jump across both seat lines raises one signal per line crossed", async () => {
    const inst = await makeInstance(server, { slug: "jumpy", kind: "production", seats: 10 });
    const users = Array.from({ length: 9 }, (_, i) => `user${i}`);
    const res = await sendEvents(server, inst.token, users.map((user) => ({ user, event: "page.viewed", timestamp: daysAgo(server, 1) })));
    expect(res.statusCode, res.body).toBe(202);
    const crossings = (await signalsOf(server, inst.id)).filter((s) => s.kind === "usage.seat_utilization_crossed");
    expect(crossings.map((s) => [s.data.direction, s.data.threshold])).toEqual([
      ["up", 0.5],
      ["up", 0.8],
    ]);
  });
});
