import { afterEach, describe, expect, it } from "vitest";
import { ensureCompanyChannel } from "../../src/domains/channels/ensure-company-channel.js";
import { postToChannel } from "../../src/domains/channels/post-to-channel.js";
import type { Role } from "../../src/platform/pack/pack-schema.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { startSlackReceiver, type SlackReceiver } from "../support/slack-receiver.js";
import { count, inTrx, LEAD, person, ruleT, timelineOf, slackConfig, workerFor } from "./channel-fixtures.js";

let server: TestServer | undefined;
let slack: SlackReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await slack?.close();
  server = undefined;
  slack = undefined;
});

async function setup(withSlack = true) {
  slack = await startSlackReceiver();
  server = await createTestServer({ config: withSlack ? slackConfig(slack) : {} });
  const s = server;
  const call = async (role: Role, method: "GET" | "POST", url: string, payload?: unknown) =>
    s.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${await s.tokenFor(role)}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { s, ctx: s.ctx, r: slack, call };
}

interface Detail {
  name: string;
  members: { userId: string; name: string; roleLabel: string }[];
  messages: { items: { id: number; text: string; ruleId: string | null; packVersion: string | null; actor: { label: string }; subject: unknown; slack: { status: string } | null }[]; nextCursor: string | null };
  slack: { state: string };
}

describe("channels API", () => {
  it("lists nothing at first and says whether the Slack mirror is on", async () => {
    const { call } = await setup(false);
    const res = await call("leadership", "GET", "/channels");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null, slackMirror: { enabled: false, envVar: "SLACK_TOKEN" } });
  });

  it("lists feeds and company channels with members, last message and Slack state; shows one with its messages, newest first", async () => {
    const { ctx, call } = await setup();
    const ae = await person(ctx, "ae", "Ann Account");
    await person(ctx, "growth", "Gil Growth");
    const company = await inTrx(ctx, (trx) => ensureCompanyChannel(trx, ctx, { company: "Acme", subject: LEAD, memberUserIds: [ae.id], actor: ruleT(ctx, "T4.1") }));
    for (const n of [1, 2, 3]) {
      ctx.clock.advance(60_000);
      await inTrx(ctx, (trx) =>
        postToChannel(trx, ctx, { channel: "#cloud-trial-alerts", text: `Alert ${n}`, subject: LEAD, actor: ruleT(ctx, "T1"), idempotencyKey: `a${n}` }),
      );
    }
    const list = (await call("sdr", "GET", "/channels")).json<{ items: { name: string; kind: string; memberCount: number; lastMessage: { text: string } | null; slack: { state: string }; subject: unknown }[] }>();
    expect(list.items.map((c) => [c.name, c.kind, c.memberCount, c.lastMessage?.text ?? null, c.slack.state])).toEqual([
      ["#cloud-trial-acme", "company", 2, null, "pending"],
      ["#cloud-trial-alerts", "feed", 0, "Alert 3", "pending"],
    ]);
    expect(list.items[0]?.subject).toEqual(LEAD);
    expect((await call("sdr", "GET", "/channels?kind=feed")).json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await call("sdr", "GET", "/channels?q=acme")).json<{ items: unknown[] }>().items).toHaveLength(1);

    await workerFor(ctx).drain();
    const feedId = (await ctx.db.selectFrom("channels").select("id").where("kind", "=", "feed").executeTakeFirstOrThrow()).id;
    const first = (await call("leadership", "GET", `/channels/${feedId}?limit=2`)).json<Detail>();
    expect(first.slack.state).toBe("mirrored");
    expect(first.messages.items.map((m) => m.text)).toEqual(["Alert 3", "Alert 2"]);
    expect(first.messages.items[0]).toMatchObject({
      ruleId: "T1",
      packVersion: ctx.packs.current().version,
      actor: { label: "rule T1" },
      subject: LEAD,
      slack: { status: "delivered" },
    });
    const second = (await call("leadership", "GET", `/channels/${feedId}?limit=2&cursor=${first.messages.nextCursor ?? ""}`)).json<Detail>();
    expect(second.messages.items.map((m) => m.text)).toEqual(["Alert 1"]);
    expect(second.messages.nextCursor).toBeNull();

    const detail = (await call("ce", "GET", `/channels/${company.channelId}`)).json<Detail>();
    expect(detail.members.map((m) => [m.name, m.roleLabel])).toEqual([
      ["Ann Account", "Account executive"],
      ["Gil Growth", "Growth"],
    ]);
    expect((await call("ce", "GET", "/channels/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });

  it("shows a Slack mirror whose setup went to dead as failed, with Slack's reason", async () => {
    const { ctx, r, call } = await setup();
    r.script("conversations.create", [{ error: "restricted_action" }]);
    const made = await inTrx(ctx, (trx) => ensureCompanyChannel(trx, ctx, { company: "Acme", subject: LEAD, memberUserIds: [], actor: ruleT(ctx, "T4.1") }));
    expect(await workerFor(ctx).drain()).toMatchObject({ dead: 1 });
    const list = (await call("ae", "GET", "/channels")).json<{ items: { slack: { state: string; error: string | null } }[] }>();
    expect(list.items[0]?.slack).toMatchObject({ state: "failed", error: expect.stringMatching(/restricted_action/) });
    const detail = (await call("ae", "GET", `/channels/${made.channelId}`)).json<Detail>();
    expect(detail.slack.state).toBe("failed");
  });

  it("posts a person's message and mirrors it; leadership may not; bad text is a 400 naming the field and changes nothing", async () => {
    const { ctx, r, call } = await setup();
    const made = await inTrx(ctx, (trx) => ensureCompanyChannel(trx, ctx, { company: "Acme", subject: LEAD, memberUserIds: [], actor: ruleT(ctx, "T4.1") }));
    const res = await call("ae", "POST", `/channels/${made.channelId}/messages`, { text: "  Kickoff booked for Tuesday  " });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ text: "Kickoff booked for Tuesday", ruleId: null, actor: { label: "API token \"test ae\"" }, slack: { status: "pending" } });
    await workerFor(ctx).drain();
    expect(r.channelByName("cloud-trial-acme")?.messages.map((m) => m.text)).toEqual(["Kickoff booked for Tuesday"]);

    const before = { messages: await count(ctx, "channel_messages"), outbox: await count(ctx, "outbox") };
    expect((await call("leadership", "POST", `/channels/${made.channelId}/messages`, { text: "hi" })).statusCode).toBe(403);
    for (const body of [{ text: "" }, { text: "   " }, { text: "x".repeat(4001) }, {}]) {
      const bad = await call("ae", "POST", `/channels/${made.channelId}/messages`, body);
      expect(bad.statusCode).toBe(400);
      const error = bad.json<{ error: { code: string; details: { issues: { path: string[] }[] } } }>().error;
      expect(error.code).toBe("validation_failed");
      expect(error.details.issues[0]?.path).toContain("text");
    }
    expect((await call("ae", "POST", "/channels/00000000-0000-4000-8000-000000000000/messages", { text: "x" })).statusCode).toBe(404);
    expect({ messages: await count(ctx, "channel_messages"), outbox: await count(ctx, "outbox") }).toEqual(before);
  });

  it("adds members with a timeline entry and a Slack invitation; refuses unknown or deactivated people and changes nothing", async () => {
    const { ctx, r, call } = await setup();
    const made = await inTrx(ctx, (trx) => ensureCompanyChannel(trx, ctx, { company: "Acme", subject: LEAD, memberUserIds: [], actor: ruleT(ctx, "T4.1") }));
    await workerFor(ctx).drain();
    const ta = await person(ctx, "ta", "Tia Advisor");
    const gone = await person(ctx, "ce", "Gone Engineer");
    await ctx.db.updateTable("users").set({ active: false }).where("id", "=", gone.id).execute();
    r.addUser(ta.email);
    const before = { members: await count(ctx, "channel_members"), timeline: await count(ctx, "timeline_events"), outbox: await count(ctx, "outbox") };
    for (const body of [{ userIds: ["nope"] }, { userIds: [] }, { userIds: ["00000000-0000-4000-8000-00000000dead"] }, { userIds: [gone.id] }]) {
      const bad = await call("sdr", "POST", `/channels/${made.channelId}/members`, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(bad.json<{ error: { details: unknown } }>().error.details)).toContain("userIds");
    }
    expect((await call("leadership", "POST", `/channels/${made.channelId}/members`, { userIds: [ta.id] })).statusCode).toBe(403);
    expect({ members: await count(ctx, "channel_members"), timeline: await count(ctx, "timeline_events"), outbox: await count(ctx, "outbox") }).toEqual(before);

    const ok = await call("sdr", "POST", `/channels/${made.channelId}/members`, { userIds: [ta.id] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ added: [expect.objectContaining({ userId: ta.id, name: "Tia Advisor", roleLabel: "Technical advisor" })] });
    expect((await timelineOf(ctx, "channel", made.channelId)).at(-1)).toMatchObject({ kind: "channel.members_added", actor_label: "API token \"test sdr\"", summary: "Added Tia Advisor (Technical advisor) to #cloud-trial-acme" });
    expect((await timelineOf(ctx, "lead", LEAD.id)).at(-1)?.kind).toBe("channel.members_added");
    await workerFor(ctx).drain();
    expect(r.channelByName("cloud-trial-acme")?.members.size).toBe(1);
    const again = await call("sdr", "POST", `/channels/${made.channelId}/members`, { userIds: [ta.id] });
    expect(again.json()).toEqual({ added: [] });
  });
});
