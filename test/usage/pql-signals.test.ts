import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookEndpoint } from "../../src/integrations/webhooks/create-webhook-endpoint.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { advanceDays, dayAgo, getInstance, makeInstance, onDay, sendEvents, sendPing, signalsOf, type MadeInstance, type TestEvent } from "./usage-fixtures.js";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server.close();
});

let n = 0;
const slug = (prefix: string) => `${prefix}${++n}`;

/** One event per user, all on the day `daysAgo` days back. */
const usersOn = (users: string[], daysAgo: number, event = "page.viewed"): TestEvent[] =>
  users.map((user) => ({ user, event, timestamp: onDay(dayAgo(server, daysAgo), 10) }));
const names = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

async function send(inst: MadeInstance, events: TestEvent[]): Promise<void> {
  const res = await sendEvents(server, inst.token, events);
  expect(res.statusCode, res.body).toBe(202);
}
async function ping(inst: MadeInstance, body: Record<string, unknown>): Promise<{ day: string; replaced: boolean }> {
  const res = await sendPing(server, inst.token, body);
  expect(res.statusCode, res.body).toBe(202);
  return res.json();
}
async function signals(inst: MadeInstance, kind: string) {
  return (await signalsOf(server, inst.id)).filter((s) => s.kind === kind);
}
const pqlSignals = (inst: MadeInstance) => signals(inst, "usage.pql_criteria_met");

describe("T11 PQL criteria", () => {
  it("T11 exactly 50 users is not over 50; the 51st user makes a PQL (events, distinct users)", async () => {
    const inst = await makeInstance(server, { slug: slug("tu") });
    // 40 days ago: outside the 30-day MAU window, so only the total-users criterion can apply.
    await send(inst, usersOn(names("user", 1, 50), 40));
    // The same users again do not add to the count.
    await send(inst, usersOn(names("user", 1, 50), 39));
    expect(await pqlSignals(inst)).toHaveLength(0);
    expect((await getInstance(server, inst.id)).metrics).toMatchObject({ totalUsers: 50, mau: 0, pqlMetAt: null });

    await send(inst, usersOn(["user51"], 40));
    const pql = await pqlSignals(inst);
    expect(pql).toHaveLength(1);
    expect(pql[0]?.data).toMatchObject({ criteria: ["total_users"], totalUsers: 51, monthlyActiveUsers: 0 });
    const metrics = (await getInstance(server, inst.id)).metrics;
    expect(metrics.pqlMetAt).not.toBeNull();
    expect(metrics.pqlCriteria).toEqual(["Over 50 users"]);
  });

  it("T11 a ping's totalUsers of exactly 50 is not over 50; 51 is", async () => {
    const inst = await makeInstance(server, { slug: slug("tp") });
    await ping(inst, { totalUsers: 50, dau: 0, wau: 0, mau: 0 });
    expect(await pqlSignals(inst)).toHaveLength(0);
    expect((await getInstance(server, inst.id)).metrics.totalUsers).toBe(50);
    // The same day's ping again, now with 51 users: the last ping of a day wins.
    expect(await ping(inst, { totalUsers: 51, dau: 0, wau: 0, mau: 0 })).toMatchObject({ replaced: true });
    const pql = await pqlSignals(inst);
    expect(pql).toHaveLength(1);
    expect(pql[0]?.data).toMatchObject({ criteria: ["total_users"], totalUsers: 51 });
  });

  it("T11 exactly 10 monthly active users is not over 10; 11 is", async () => {
    const inst = await makeInstance(server, { slug: slug("mau") });
    await send(inst, usersOn(names("m", 1, 10), 1));
    // Active 30 days ago (before today's 30-day window, which starts 29 days back): not monthly active.
    await send(inst, usersOn(["old"], 30));
    expect(await pqlSignals(inst)).toHaveLength(0);
    expect((await getInstance(server, inst.id)).metrics).toMatchObject({ mau: 10, totalUsers: 11 });

    // 29 days ago is the window's first day: the 11th monthly active user.
    await send(inst, usersOn(["edge"], 29));
    const pql = await pqlSignals(inst);
    expect(pql).toHaveLength(1);
    expect(pql[0]?.data).toMatchObject({ criteria: ["monthly_active_users"], monthlyActiveUsers: 11, totalUsers: 12 });
  });

  it("T11 a fresh ping's MAU of exactly 10 is not over 10; 11 is", async () => {
    const inst = await makeInstance(server, { slug: slug("pm") });
    await ping(inst, { totalUsers: 20, mau: 10 });
    expect(await pqlSignals(inst)).toHaveLength(0);
    await ping(inst, { totalUsers: 20, mau: 11 });
    expect((await pqlSignals(inst))[0]?.data).toMatchObject({ criteria: ["monthly_active_users"], monthlyActiveUsers: 11 });
  });

  it("T11 one user active on 5 days within 7 is a PQL; more events on fewer days are not", async () => {
    const inst = await makeInstance(server, { slug: slug("pw") });
    // Many events, but on 4 days only.
    const fourDays = [10, 9, 8, 7].flatMap((d) => Array.from({ length: 5 }, (_, h) => ({ user: "ada", event: "search.submitted", timestamp: onDay(dayAgo(server, d), 8 + h) })));
    await send(inst, fourDays);
    expect(await pqlSignals(inst)).toHaveLength(0);
    await send(inst, usersOn(["ada"], 4)); // days 10..4 ago: 5 active days spanning exactly 7
    const pql = await pqlSignals(inst);
    expect(pql).toHaveLength(1);
    expect(pql[0]?.data).toMatchObject({ criteria: ["power_user"], totalUsers: 1 });
  });

  it("T11 five active days spread over 8 days are not a PQL; a sixth day that closes a 7-day window is", async () => {
    const inst = await makeInstance(server, { slug: slug("sp") });
    // 17, 15, 13, 11, 10 days ago: first to last spans 8 days.
    for (const d of [17, 15, 13, 11, 10]) await send(inst, usersOn(["ada"], d));
    expect(await pqlSignals(inst)).toHaveLength(0);
    // 16 days ago: 16, 15, 13, 11, 10 lie within 7 days.
    await send(inst, usersOn(["ada"], 16));
    expect((await pqlSignals(inst))[0]?.data).toMatchObject({ criteria: ["power_user"] });
  });

  it("T11 the 5-in-7 crossing is detected when the days arrive out of order across batches", async () => {
    const inst = await makeInstance(server, { slug: slug("oo") });
    // Days 20..14 ago, sent as 18, 14, 20, 16 (no 5 within 7 yet), then 19 (20, 19, 18, 16 and 14 lie within 7).
    for (const d of [18, 14, 20, 16]) {
      await send(inst, usersOn(["ada"], d));
      expect(await pqlSignals(inst), `after day -${d}`).toHaveLength(0);
    }
    // A batch that also repeats known days and another user's days.
    await send(inst, [...usersOn(["ada"], 18), ...usersOn(["bob"], 3), ...usersOn(["ada"], 19)]);
    const pql = await pqlSignals(inst);
    expect(pql).toHaveLength(1);
    expect(pql[0]?.data).toMatchObject({ criteria: ["power_user"] });
  });

  it("T11 the PQL signal fires once; later crossings of other criteria do not fire it again", async () => {
    const inst = await makeInstance(server, { slug: slug("once") });
    await send(inst, usersOn(names("m", 1, 11), 2));
    expect(await pqlSignals(inst)).toHaveLength(1);
    const before = await server.ctx.db.selectFrom("usage_state").select(["pql_met_at", "pql_criteria"]).where("instance_id", "=", inst.id).executeTakeFirstOrThrow();
    expect(before.pql_criteria).toEqual(["monthly_active_users"]);

    await send(inst, usersOn(names("t", 1, 45), 3)); // over 50 users now
    for (const d of [9, 8, 7, 6, 5]) await send(inst, usersOn(["m1"], d)); // a power user too
    await ping(inst, { totalUsers: 200, mau: 150 });
    expect(await pqlSignals(inst)).toHaveLength(1);
    const after = await server.ctx.db.selectFrom("usage_state").select(["pql_met_at", "pql_criteria"]).where("instance_id", "=", inst.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("T11 production instances never get PQL signals", async () => {
    const inst = await makeInstance(server, { slug: slug("prod"), kind: "production" });
    await send(inst, usersOn(names("p", 1, 60), 1));
    for (const d of [9, 8, 7, 6, 5]) await send(inst, usersOn(["p1"], d));
    await ping(inst, { totalUsers: 500, mau: 400 });
    expect(await pqlSignals(inst)).toHaveLength(0);
    expect((await getInstance(server, inst.id)).metrics).toMatchObject({ pqlMetAt: null, pqlCriteria: [], totalUsers: 500 });
  });

  it("T11 the signal is on the timeline (rule T11, pack version), in the audit log and queued for a usage.* webhook", async () => {
    const endpoint = await createWebhookEndpoint(server.ctx, {
      name: "usage feed",
      url: "https://hooks.example.com/trellis",
      eventTypes: ["usage.*"],
      actor: systemActor("test"),
    });
    const inst = await makeInstance(server, { slug: slug("rec") });
    await send(inst, usersOn(names("m", 1, 11), 1));
    const version = server.ctx.packs.current().version;

    const timeline = await server.ctx.db
      .selectFrom("timeline_events")
      .selectAll()
      .where("subject_type", "=", "instance")
      .where("subject_id", "=", inst.id)
      .where("kind", "=", "usage.pql_criteria_met")
      .execute();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ rule_id: "T11", pack_version: version, actor_type: "rule" });

    const audit = await server.ctx.db
      .selectFrom("audit_log")
      .selectAll()
      .where("subject_type", "=", "instance")
      .where("subject_id", "=", inst.id)
      .where("action", "=", "usage.pql_criteria_met")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ rule_id: "T11", pack_version: version, actor_type: "rule" });

    const outbox = await server.ctx.db
      .selectFrom("outbox")
      .select(["channel", "payload", "rule_id", "pack_version", "subject_id"])
      .where("subject_id", "=", inst.id)
      .where("channel", "=", "webhook")
      .execute();
    const pql = outbox.filter((o) => (o.payload as { type: string }).type === "usage.pql_criteria_met");
    expect(pql).toHaveLength(1);
    expect(pql[0]).toMatchObject({ rule_id: "T11", pack_version: version });
    expect(pql[0]?.payload).toMatchObject({ endpointId: endpoint.endpoint.id, data: { instanceId: inst.id, criteria: ["monthly_active_users"] } });
    // Every usage signal of the batch is queued for the endpoint, nothing else is.
    expect(outbox.every((o) => (o.payload as { type: string }).type.startsWith("usage."))).toBe(true);
    expect(outbox.map((o) => (o.payload as { type: string }).type).sort()).toEqual(["usage.non_admin_user_joined", "usage.pql_criteria_met"]);
  });
});

describe("P2 utilization alerts", () => {
  const firstUse = async (inst: MadeInstance) => (await signals(inst, "usage.feature_first_used")).map((s) => s.data.feature);

  it("P2 a feature's first use fires once per feature; an earlier out-of-order event does not fire again", async () => {
    const inst = await makeInstance(server, { slug: slug("feat") });
    await send(inst, [{ user: "alice", event: "search.submitted", timestamp: onDay(dayAgo(server, 2)) }]);
    expect(await firstUse(inst)).toEqual(["search"]);
    const first = await signals(inst, "usage.feature_first_used");
    expect(first[0]).toMatchObject({ rule_id: "P2", data: { feature: "search", label: "Code search", user: "alice" } });

    // Earlier use of the same feature (another of its events too): the date moves back, no new signal.
    await send(inst, [
      { user: "bob", event: "SearchResultsQueried", timestamp: onDay(dayAgo(server, 5)) },
      { user: "bob", event: "search.submitted", timestamp: onDay(dayAgo(server, 1)) },
    ]);
    expect(await firstUse(inst)).toEqual(["search"]);
    const row = await server.ctx.db.selectFrom("usage_features").selectAll().where("instance_id", "=", inst.id).where("feature", "=", "search").executeTakeFirstOrThrow();
    expect(row.first_used_at.toISOString()).toBe(onDay(dayAgo(server, 5)));
    expect(row.first_user_key).toBe("bob");

    await send(inst, [{ user: "alice", event: "codeintel.hover", timestamp: onDay(dayAgo(server, 3)) }]);
    expect(await firstUse(inst)).toEqual(["search", "code_intel"]);

    // A ping's features count too: a new one fires, a known one does not; a later event for it does not either.
    await ping(inst, { featuresUsed: ["search", "notebooks", "no_such_feature"] });
    expect(await firstUse(inst)).toEqual(["search", "code_intel", "notebooks"]);
    await send(inst, [{ user: "carol", event: "notebooks.created", timestamp: onDay(dayAgo(server, 9)) }]);
    expect(await firstUse(inst)).toEqual(["search", "code_intel", "notebooks"]);
    const features = (await getInstance(server, inst.id)).features.filter((f) => f.firstUsedAt !== null).map((f) => f.key).sort();
    expect(features).toEqual(["code_intel", "notebooks", "search"]);
  });

  it("P2 seat utilization crossing up over 0.5 and 0.8 and back down fires once per crossing", async () => {
    const inst = await makeInstance(server, { slug: slug("seat"), seats: 10, kind: "production" });
    const seat = async () => (await signals(inst, "usage.seat_utilization_crossed")).map((s) => `${String(s.data.direction)} ${String(s.data.threshold)}`);

    await send(inst, usersOn(names("u", 1, 4), 25)); // 0.4
    expect(await seat()).toEqual([]);
    await send(inst, usersOn(names("u", 5, 6), 15)); // 0.6
    expect(await seat()).toEqual(["up 0.5"]);
    await send(inst, usersOn(["u7"], 15)); // 0.7: same band
    await send(inst, usersOn(names("u", 1, 6), 25)); // repeat visits
    expect(await seat()).toEqual(["up 0.5"]);
    await send(inst, usersOn(names("u", 8, 9), 2)); // 0.9
    expect(await seat()).toEqual(["up 0.5", "up 0.8"]);
    expect((await getInstance(server, inst.id)).metrics.mau).toBe(9);

    // Six days on, u1..u4 (active 31 days ago) leave the 30-day window: 5 of 10 seats.
    advanceDays(server, 6);
    await send(inst, usersOn(["u8"], 0));
    expect(await seat()).toEqual(["up 0.5", "up 0.8", "down 0.8"]);
    expect((await getInstance(server, inst.id)).metrics.mau).toBe(5);
    await send(inst, usersOn(["u9"], 0));
    expect(await seat()).toEqual(["up 0.5", "up 0.8", "down 0.8"]);

    // Ten more days: u5..u7 leave too; u8 and u9 remain (2 of 10).
    advanceDays(server, 10);
    await send(inst, usersOn(["u9"], 0));
    expect(await seat()).toEqual(["up 0.5", "up 0.8", "down 0.8", "down 0.5"]);
    await send(inst, usersOn(["u8"], 0));
    expect(await seat()).toEqual(["up 0.5", "up 0.8", "down 0.8", "down 0.5"]);
    const last = (await signals(inst, "usage.seat_utilization_crossed")).at(-1);
    expect(last).toMatchObject({ rule_id: "P2", data: { direction: "down", threshold: 0.5, ratio: 0.2, monthlyActiveUsers: 2, seats: 10 } });
  });
});

describe("T9 inputs", () => {
  it("T9 inputs: a non-admin user joined fires when a second user appears, once", async () => {
    const inst = await makeInstance(server, { slug: slug("na") });
    await send(inst, usersOn(["admin", "admin"], 1));
    await send(inst, usersOn(["admin"], 0));
    expect(await signals(inst, "usage.non_admin_user_joined")).toHaveLength(0);
    expect((await getInstance(server, inst.id)).metrics).toMatchObject({ nonAdminJoined: false, totalUsers: 1 });

    await send(inst, usersOn(["bob"], 0));
    const joined = await signals(inst, "usage.non_admin_user_joined");
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ rule_id: "T9", data: { totalUsers: 2 } });
    await send(inst, usersOn(["carol"], 0));
    expect(await signals(inst, "usage.non_admin_user_joined")).toHaveLength(1);
    expect((await getInstance(server, inst.id)).metrics).toMatchObject({ nonAdminJoined: true, unused: false });
  });

  it("T9 inputs: with the admin known, the first user who is not the admin counts as joining", async () => {
    const inst = await makeInstance(server, { slug: slug("nk"), adminEmail: "Ada@acme.com" });
    await send(inst, usersOn(["ada@acme.com"], 1));
    expect(await signals(inst, "usage.non_admin_user_joined")).toHaveLength(0);
    const other = await makeInstance(server, { slug: slug("nb"), adminEmail: "ada@acme.com" });
    await send(other, usersOn(["bob@acme.com"], 1));
    expect(await signals(other, "usage.non_admin_user_joined")).toHaveLength(1);
    expect((await getInstance(server, other.id)).metrics).toMatchObject({ totalUsers: 1, nonAdminJoined: true, unused: false });
  });

  it("T9 inputs: a ping with 2 total users counts as a non-admin user joining", async () => {
    const inst = await makeInstance(server, { slug: slug("np") });
    await ping(inst, { totalUsers: 1 });
    expect(await signals(inst, "usage.non_admin_user_joined")).toHaveLength(0);
    await ping(inst, { totalUsers: 2 });
    expect(await signals(inst, "usage.non_admin_user_joined")).toHaveLength(1);
  });

  it("T9 inputs: code host configured fires from a ping with codeHostsConfigured > 0, once", async () => {
    const inst = await makeInstance(server, { slug: slug("ch") });
    await ping(inst, { codeHostsConfigured: 0 });
    expect(await signals(inst, "usage.code_host_configured")).toHaveLength(0);
    expect((await getInstance(server, inst.id)).metrics).toMatchObject({ codeHostConfigured: false, unused: true });

    expect(await ping(inst, { codeHostsConfigured: 2 })).toMatchObject({ replaced: true });
    const configured = await signals(inst, "usage.code_host_configured");
    expect(configured).toHaveLength(1);
    expect(configured[0]).toMatchObject({ rule_id: "T9", data: { codeHosts: 2 } });

    advanceDays(server, 1);
    await ping(inst, { codeHostsConfigured: 3 });
    await ping(inst, { day: dayAgo(server, 3), codeHostsConfigured: 1 });
    expect(await signals(inst, "usage.code_host_configured")).toHaveLength(1);
    expect((await getInstance(server, inst.id)).metrics).toMatchObject({ codeHostConfigured: true, codeHosts: 3, unused: false });
  });
});
