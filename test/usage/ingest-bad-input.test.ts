import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestGate } from "../../src/domains/usage/ingest-gate.js";
import { testEngine } from "../support/test-context.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import {
  asRole,
  dayAgo,
  daysAgo,
  makeInstance,
  onDay,
  patchInstance,
  sendEvents,
  sendEventsBody,
  sendPing,
  sendSegment,
  storedEvents,
  type TestEvent,
} from "./usage-fixtures.js";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server.close();
});

let n = 0;
const slug = (prefix: string) => `${prefix}${++n}`;
const events = (count: number, user = "ada"): TestEvent[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${user}-${i}`, user, event: "search.submitted", timestamp: daysAgo(server, 1 + (i % 5) / 10) }));
type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

async function rollupRows(instanceId: string): Promise<number> {
  const db = server.ctx.db;
  const counts = await Promise.all(
    (["usage_user_days", "usage_days", "usage_users", "usage_features", "usage_batches", "usage_pings"] as const).map((t) =>
      db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as("n")).where("instance_id", "=", instanceId).executeTakeFirstOrThrow(),
    ),
  );
  return counts.reduce((a, c) => a + Number(c.n), 0);
}

describe("ingestion tokens", () => {
  it("unknown, missing and person tokens get 401", async () => {
    const inst = await makeInstance(server, { slug: slug("tok") });
    const one = [{ user: "a", event: "b", timestamp: daysAgo(server, 1) }];
    for (const token of ["trl_ing_nope", "not-even-a-prefix", await server.tokenFor("admin")]) {
      const res = await sendEvents(server, token, one);
      expect(res.statusCode, token).toBe(401);
      expect(res.json<ErrorBody>().error.code).toBe("unauthenticated");
    }
    const none = await server.app.inject({ method: "POST", url: "/api/v1/ingest/events", payload: { events: one } });
    expect(none.statusCode).toBe(401);
    expect(await storedEvents(server, inst.id)).toBe(0);
  });

  it("a revoked token gets 401", async () => {
    const inst = await makeInstance(server, { slug: slug("rev") });
    expect((await sendEvents(server, inst.token, events(1))).statusCode).toBe(202);
    const revoked = await server.app.inject({ method: "DELETE", url: `/api/v1/instances/${inst.id}/ingest-token`, headers: await asRole(server, "admin") });
    expect(revoked.statusCode, revoked.body).toBe(204);
    const res = await sendEvents(server, inst.token, events(3, "bob"));
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorBody>().error.code).toBe("unauthenticated");
    expect((await sendPing(server, inst.token, {})).statusCode).toBe(401);
    expect((await sendSegment(server, inst.token, [{ type: "track", userId: "x", event: "y" }])).statusCode).toBe(401);
    expect(await storedEvents(server, inst.id)).toBe(1);
  });

  it("a rotated-away token gets 401 while the new one works", async () => {
    const inst = await makeInstance(server, { slug: slug("rot") });
    const rotated = await server.app.inject({ method: "POST", url: `/api/v1/instances/${inst.id}/ingest-token`, headers: await asRole(server, "growth") });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const fresh = rotated.json<{ ingestToken: string }>().ingestToken;
    expect(fresh).not.toBe(inst.token);
    expect((await sendEvents(server, inst.token, events(2))).statusCode).toBe(401);
    expect(await storedEvents(server, inst.id)).toBe(0);
    const ok = await sendEvents(server, fresh, events(2));
    expect(ok.statusCode, ok.body).toBe(202);
    expect(await storedEvents(server, inst.id)).toBe(2);
  });
});

describe("bad event batches store nothing", () => {
  it("a malformed event answers 400 naming its index and field; nothing of the batch is stored", async () => {
    const inst = await makeInstance(server, { slug: slug("mal") });
    const batch: Record<string, unknown>[] = events(5).map((e) => ({ ...e }));
    delete batch[3]?.timestamp;
    const res = await sendEventsBody(server, inst.token, { batchId: "b-mal", events: batch });
    expect(res.statusCode).toBe(400);
    const err = res.json<ErrorBody>().error;
    expect(err.code).toBe("validation_failed");
    expect(err.message).toMatch(/^body\.events\.3\.timestamp: /);
    expect(await storedEvents(server, inst.id)).toBe(0);
    expect(await rollupRows(inst.id)).toBe(0);

    // An unknown field and a bad timestamp are refused the same way.
    const extra = await sendEventsBody(server, inst.token, { events: [...events(2), { user: "a", event: "b", timestamp: daysAgo(server, 1), colour: "red" }] });
    expect(extra.statusCode).toBe(400);
    expect(extra.json<ErrorBody>().error.message).toContain("events.2");
    const badTime = await sendEventsBody(server, inst.token, { events: [{ user: "a", event: "b", timestamp: "yesterday" }] });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json<ErrorBody>().error.message).toContain("events.0.timestamp");
    const empty = await sendEventsBody(server, inst.token, { events: [] });
    expect(empty.statusCode).toBe(400);
    expect(await storedEvents(server, inst.id)).toBe(0);

    // The batch id of the refused batch is still free.
    const retried = await sendEvents(server, inst.token, events(5), "b-mal");
    expect(retried.json()).toEqual({ accepted: 5, duplicates: 0, duplicateBatch: false });
  });

  it("a batch with one event 2 days in the future answers 400; nothing is stored", async () => {
    const inst = await makeInstance(server, { slug: slug("fut") });
    const batch = events(4);
    batch.push({ id: "future", user: "ada", event: "search.submitted", timestamp: daysAgo(server, -2) }, ...events(2, "bob"));
    const res = await sendEvents(server, inst.token, batch, "b-fut");
    expect(res.statusCode).toBe(400);
    const err = res.json<ErrorBody>().error;
    expect(err.code).toBe("validation_failed");
    expect(err.message).toMatch(/^events\[4\]\.timestamp: /);
    expect(err.details).toMatchObject({ index: 4, field: "timestamp" });
    expect(await storedEvents(server, inst.id)).toBe(0);
    expect(await rollupRows(inst.id)).toBe(0);
    // Within the allowed clock skew (a few hours ahead) is fine.
    const skewed = await sendEvents(server, inst.token, [{ user: "ada", event: "x", timestamp: daysAgo(server, -0.25) }]);
    expect(skewed.statusCode, skewed.body).toBe(202);
  });

  it("a re-sent batch id is accepted once (body batchId or Idempotency-Key header)", async () => {
    const inst = await makeInstance(server, { slug: slug("dup") });
    const first = await sendEvents(server, inst.token, events(3), "b-1");
    expect(first.json()).toEqual({ accepted: 3, duplicates: 0, duplicateBatch: false });
    const again = await sendEvents(server, inst.token, events(3), "b-1");
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ accepted: 0, duplicates: 3, duplicateBatch: true });

    const viaHeader = () => sendEventsBody(server, inst.token, { events: events(2, "bob") }, { "idempotency-key": "h-1" });
    expect((await viaHeader()).json()).toEqual({ accepted: 2, duplicates: 0, duplicateBatch: false });
    expect((await viaHeader()).json()).toMatchObject({ accepted: 0, duplicateBatch: true });
    // Re-sent events in a new batch count once too.
    const resent = await sendEvents(server, inst.token, [...events(3), ...events(1, "carol")], "b-2");
    expect(resent.json()).toEqual({ accepted: 1, duplicates: 3, duplicateBatch: false });
    expect(await storedEvents(server, inst.id)).toBe(6);
    const ud = await server.ctx.db.selectFrom("usage_user_days").select(["user_key", "events"]).where("instance_id", "=", inst.id).orderBy("user_key").execute();
    expect(ud).toEqual([
      { user_key: "ada", events: 3 },
      { user_key: "bob", events: 2 },
      { user_key: "carol", events: 1 },
    ]);
  });

  it("out-of-order data is fine: older days arriving later fold into the rollups", async () => {
    const inst = await makeInstance(server, { slug: slug("ooo") });
    for (const d of [1, 20, 5, 45, 2]) {
      const res = await sendEvents(server, inst.token, [{ user: "ada", event: "page.viewed", timestamp: onDay(dayAgo(server, d)) }]);
      expect(res.statusCode, res.body).toBe(202);
    }
    const user = await server.ctx.db.selectFrom("usage_users").selectAll().where("instance_id", "=", inst.id).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ last_active_day: dayAgo(server, 1), active_days: 5 });
    expect(user.first_seen_at.toISOString()).toBe(onDay(dayAgo(server, 45)));
  });

  it("more events than the pack's maxEventsPerBatch answer 413; nothing is stored", async () => {
    const inst = await makeInstance(server, { slug: slug("big") });
    const limit = server.ctx.packs.current().usage.maxEventsPerBatch;
    const res = await sendEvents(server, inst.token, events(limit + 1));
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorBody>().error).toMatchObject({ code: "payload_too_large", details: { limit, got: limit + 1 } });
    expect(await storedEvents(server, inst.id)).toBe(0);
  });

  it("a body over the route's 5 MB limit answers 413; nothing is stored", async () => {
    const inst = await makeInstance(server, { slug: slug("mb") });
    const pad = "x".repeat(5 * 1024 * 1024);
    const res = await sendEventsBody(server, inst.token, { events: [{ user: "a", event: "b", timestamp: daysAgo(server, 1), properties: { pad } }] });
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorBody>().error.code).toBe("payload_too_large");
    expect(await storedEvents(server, inst.id)).toBe(0);
  });

  it("a __proto__ key answers 400 forbidden_key; nothing is stored", async () => {
    const inst = await makeInstance(server, { slug: slug("pro") });
    const raw = `{"events":[{"user":"a","event":"b","timestamp":"${daysAgo(server, 1)}","properties":{"__proto__":{"admin":true}}}]}`;
    const res = await sendEventsBody(server, inst.token, raw);
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.code).toBe("forbidden_key");
    expect(await storedEvents(server, inst.id)).toBe(0);
  });

  it("a terminated instance's telemetry answers 409; nothing is stored", async () => {
    const inst = await makeInstance(server, { slug: slug("term") });
    const patched = await patchInstance(server, inst.id, { status: "terminated" });
    expect(patched.statusCode, patched.body).toBe(200);
    const res = await sendEvents(server, inst.token, events(2));
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.code).toBe("invalid_state");
    const ping = await sendPing(server, inst.token, {});
    expect(ping.statusCode).toBe(409);
    const seg = await sendSegment(server, inst.token, [{ type: "track", userId: "x", event: "y" }]);
    expect(seg.statusCode).toBe(409);
    expect(await storedEvents(server, inst.id)).toBe(0);
    expect(await rollupRows(inst.id)).toBe(0);
  });
});

describe("saturation", () => {
  it("a saturated gate answers 503 with Retry-After at once; no request times out and accepted batches are stored", async () => {
    const small = await createTestServer({ config: { ingestConcurrency: 1, ingestQueueLimit: 0 } });
    try {
      const inst = await makeInstance(small, { slug: "sat" });
      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, r) =>
          sendEvents(
            small,
            inst.token,
            Array.from({ length: 400 }, (_, i) => ({ id: `r${r}-${i}`, user: `u${r}-${i % 40}`, event: "search.submitted", timestamp: daysAgo(small, 1 + (i % 20)) })),
          ),
        ),
      );
      expect(Date.now() - started).toBeLessThan(30_000);
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses.every((s) => s === 202 || s === 503), statuses.join()).toBe(true);
      const refused = responses.filter((r) => r.statusCode === 503);
      const accepted = responses.filter((r) => r.statusCode === 202);
      expect(accepted.length, statuses.join()).toBeGreaterThan(0);
      // On PostgreSQL the batches overlap and the gate (1 running, none waiting) refuses the rest.
      // PGlite runs each transaction in-process: observed, every request reaches the gate only
      // after the previous one has finished, so there the flood is serialized, not refused.
      if (testEngine() === "postgres") expect(refused.length, statuses.join()).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.headers["retry-after"]).toBe("1");
        expect(r.json<ErrorBody>().error.code).toBe("unavailable");
      }
      expect(await storedEvents(small, inst.id)).toBe(accepted.length * 400);
      // Once the burst is over, the next batch goes through.
      expect((await sendEvents(small, inst.token, [{ user: "z", event: "e", timestamp: daysAgo(small, 1) }])).statusCode).toBe(202);
    } finally {
      await small.close();
    }
  });
});

describe("ingest gate", () => {
  it("runs the configured number of batches, queues up to the limit and refuses the rest at once with retry-after", async () => {
    const gate = new IngestGate({ concurrency: 1, queueLimit: 1, maxWaitMs: 60_000 });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const first = gate.run(async () => {
      await held;
      order.push("first");
    });
    const second = gate.run(async () => {
      order.push("second");
    });
    expect(gate.load).toEqual({ active: 1, waiting: 1 });
    await expect(gate.run(async () => "third")).rejects.toMatchObject({ code: "unavailable", status: 503, retryAfterSeconds: 1 });
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
    // A failing batch gives its slot back.
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => "next")).toBe("next");
  });
});

describe("Segment batches", () => {
  it("accepts track, identify and group calls with Segment's extra fields (Basic auth with the token as user name)", async () => {
    const inst = await makeInstance(server, { slug: slug("seg") });
    const ts = daysAgo(server, 1);
    const context = { library: { name: "analytics-node", version: "6.2.0" }, ip: "203.0.113.5" };
    const res = await sendSegment(server, inst.token, [
      { type: "identify", messageId: "m-1", userId: "ada@corp.example", traits: { name: "Ada", plan: "enterprise" }, timestamp: ts, context, integrations: { All: true } },
      { type: "track", messageId: "m-2", userId: "ada@corp.example", event: "search.submitted", properties: { q: "repo:x" }, timestamp: ts, context, integrations: {} },
      { type: "group", messageId: "m-3", anonymousId: "anon-7", groupId: "acme", traits: { industry: "software" }, timestamp: ts, context },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ success: true, accepted: 3, duplicates: 0, duplicateBatch: false });

    const users = await server.ctx.db.selectFrom("usage_users").selectAll().where("instance_id", "=", inst.id).orderBy("user_key").execute();
    expect(users.map((u) => u.user_key)).toEqual(["ada@corp.example", "anon-7"]);
    expect(users[0]).toMatchObject({ traits: { name: "Ada", plan: "enterprise" }, active_days: 1, last_active_day: dayAgo(server, 1) });
    // A group call is no activity.
    expect(users[1]).toMatchObject({ active_days: 0, last_active_day: null });
    const days = await server.ctx.db.selectFrom("usage_user_days").select(["user_key", "events"]).where("instance_id", "=", inst.id).execute();
    expect(days).toEqual([{ user_key: "ada@corp.example", events: 1 }]);
    const feature = await server.ctx.db.selectFrom("usage_features").selectAll().where("instance_id", "=", inst.id).executeTakeFirstOrThrow();
    expect(feature).toMatchObject({ feature: "search", first_user_key: "ada@corp.example" });

    // The same calls again (same messageIds) count once.
    const again = await sendSegment(server, inst.token, [{ type: "track", messageId: "m-2", userId: "ada@corp.example", event: "search.submitted", timestamp: ts }]);
    expect(again.json()).toMatchObject({ success: true, accepted: 0, duplicates: 1 });
  });

  it("a call without userId or anonymousId answers 400 naming batch[i].userId; nothing is stored", async () => {
    const inst = await makeInstance(server, { slug: slug("segbad") });
    const res = await sendSegment(server, inst.token, [
      { type: "track", userId: "ada", event: "search.submitted", timestamp: daysAgo(server, 1) },
      { type: "track", event: "search.submitted", timestamp: daysAgo(server, 1), context: {} },
    ]);
    expect(res.statusCode).toBe(400);
    const err = res.json<ErrorBody>().error;
    expect(err.code).toBe("validation_failed");
    expect(err.message).toMatch(/^batch\[1\]\.userId: /);
    expect(err.details).toMatchObject({ index: 1, field: "userId" });
    expect(await storedEvents(server, inst.id)).toBe(0);
    expect(await rollupRows(inst.id)).toBe(0);
  });
});

describe("pings", () => {
  it("a second ping for the same day replaces the first", async () => {
    const inst = await makeInstance(server, { slug: slug("png") });
    const first = await sendPing(server, inst.token, { totalUsers: 3, dau: 2, mau: 3 });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toEqual({ day: dayAgo(server, 0), replaced: false });
    const second = await sendPing(server, inst.token, { totalUsers: 7, dau: 5, mau: 6, version: "6.2.0" });
    expect(second.json()).toEqual({ day: dayAgo(server, 0), replaced: true });
    const rows = await server.ctx.db.selectFrom("usage_pings").selectAll().where("instance_id", "=", inst.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ total_users: 7, dau: 5, mau: 6, version: "6.2.0" });
  });

  it("a ping for a day in the future is refused and changes nothing", async () => {
    const inst = await makeInstance(server, { slug: slug("pfut") });
    expect((await sendPing(server, inst.token, { totalUsers: 2 })).statusCode).toBe(202);
    const state = await server.ctx.db.selectFrom("usage_state").selectAll().where("instance_id", "=", inst.id).executeTakeFirstOrThrow();
    const res = await sendPing(server, inst.token, { day: dayAgo(server, -2), totalUsers: 60, mau: 40, codeHostsConfigured: 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error).toMatchObject({ code: "validation_failed", details: { field: "day" } });
    const timestamp = await sendPing(server, inst.token, { timestamp: daysAgo(server, -2), totalUsers: 60 });
    expect(timestamp.statusCode).toBe(400);
    expect(timestamp.json<ErrorBody>().error).toMatchObject({ code: "validation_failed", details: { field: "timestamp" } });
    expect(await server.ctx.db.selectFrom("usage_pings").select("day").where("instance_id", "=", inst.id).execute()).toEqual([{ day: dayAgo(server, 0) }]);
    expect(await server.ctx.db.selectFrom("usage_state").selectAll().where("instance_id", "=", inst.id).executeTakeFirstOrThrow()).toEqual(state);
  });
});
