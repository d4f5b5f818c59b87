import { afterEach, describe, expect, it } from "vitest";
import { feedChannelName } from "../../src/domains/channels/feed.js";
import { postToChannel } from "../../src/domains/channels/post-to-channel.js";
import { AppError } from "../../src/platform/errors/app-error.js";
import { channelWorld, count, inTrx, LEAD, ruleT, workerFor, type ChannelWorld } from "./channel-fixtures.js";

let world: ChannelWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const alert = (w: ChannelWorld, key: string, text = "New trial request from Bob (bob@acme.com, Acme)") =>
  inTrx(w.ctx, (trx) =>
    postToChannel(trx, w.ctx, {
      channel: feedChannelName(w.ctx.packs.current(), "trialAlerts"),
      text,
      subject: LEAD,
      actor: ruleT(w.ctx, "T1"),
      idempotencyKey: key,
    }),
  );

describe("postToChannel (alert feeds)", () => {
  it("T1 posts the alert to the #cloud-trial-alerts feed and mirrors it to Slack", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    const posted = await alert(world, "T1.alert:lead:1");
    if (!posted) throw new Error("nothing posted");

    const channel = await ctx.db.selectFrom("channels").selectAll().where("id", "=", posted.channelId).executeTakeFirstOrThrow();
    expect(channel).toMatchObject({ name: "#cloud-trial-alerts", kind: "feed", subject_type: null, slack_channel_id: null });
    const message = await ctx.db.selectFrom("channel_messages").selectAll().where("id", "=", posted.messageId).executeTakeFirstOrThrow();
    expect(message).toMatchObject({
      text: "New trial request from Bob (bob@acme.com, Acme)",
      actor_type: "rule",
      rule_id: "T1",
      pack_version: ctx.packs.current().version,
      subject_type: "lead",
      subject_id: LEAD.id,
    });
    expect(message.outbox_id).not.toBeNull();

    expect(await workerFor(ctx).drain()).toMatchObject({ delivered: 1, dead: 0 });
    const post = slack.callsOf("chat.postMessage");
    expect(post).toHaveLength(1);
    expect(post[0]?.authorization).toBe(`Bearer ${slack.token}`);
    expect(post[0]?.contentType).toMatch(/application\/json/);
    expect(String(post[0]?.args.text)).toContain("New trial request from Bob (bob@acme.com, Acme)");
    expect(String(post[0]?.args.text)).toContain(`/leads/${LEAD.id}|Open in Trellis>`);
    const inSlack = slack.channelByName("cloud-trial-alerts");
    expect(post[0]?.args.channel).toBe(inSlack?.id);
    const after = await ctx.db.selectFrom("channels").select("slack_channel_id").where("id", "=", posted.channelId).executeTakeFirstOrThrow();
    expect(after.slack_channel_id).toBe(inSlack?.id);
    const row = await ctx.db.selectFrom("outbox").selectAll().where("id", "=", Number(message.outbox_id)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: "slack", status: "delivered", subject_type: "lead", rule_id: "T1" });
  });

  it("posts once per idempotency key, and a second feed message reuses the feed and its Slack channel", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    expect(await alert(world, "T1.alert:lead:1")).not.toBeNull();
    expect(await alert(world, "T1.alert:lead:1")).toBeNull();
    expect(await count(ctx, "channel_messages")).toBe(1);
    expect(await count(ctx, "outbox")).toBe(1);
    await workerFor(ctx).drain();
    expect(await alert(world, "T1.alert:lead:2", "Second request")).not.toBeNull();
    await workerFor(ctx).drain();
    expect(await count(ctx, "channels")).toBe(1);
    expect(slack.callsOf("conversations.create")).toHaveLength(1);
    expect(slack.channelByName("cloud-trial-alerts")?.messages.map((m) => m.text.split("\n")[0])).toEqual([
      "New trial request from Bob (bob@acme.com, Acme)",
      "Second request",
    ]);
  });

  it("without a Slack token posts in Trellis only and queues nothing", async () => {
    world = await channelWorld({ slackToken: false });
    const { ctx, slack } = world;
    const posted = await alert(world, "T1.alert:lead:1");
    expect(posted).not.toBeNull();
    expect(await count(ctx, "outbox")).toBe(0);
    const message = await ctx.db.selectFrom("channel_messages").select("outbox_id").executeTakeFirstOrThrow();
    expect(message.outbox_id).toBeNull();
    await workerFor(ctx).drain();
    expect(slack.calls).toHaveLength(0);
  });

  it("posts nothing when the caller's transaction rolls back", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx } = world;
    await expect(
      inTrx(ctx, async (trx) => {
        await postToChannel(trx, ctx, { channel: "#cloud-trial-alerts", text: "x", actor: ruleT(ctx, "T1"), idempotencyKey: "k" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    for (const table of ["channels", "channel_messages", "outbox", "audit_log"] as const) expect(await count(ctx, table), table).toBe(0);
    expect(await alert(world, "k")).not.toBeNull(); // the key was not used up
  });

  it("finds a feed that already exists in Slack (name_taken) through conversations.list and joins it", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    slack.addChannel("general", { botMember: true });
    slack.addChannel("random");
    const existing = slack.addChannel("cloud-trial-alerts", { botMember: false });
    await alert(world, "T1.alert:lead:1");
    expect(await workerFor(ctx).drain()).toMatchObject({ delivered: 1 });
    expect(slack.callsOf("conversations.create")[0]?.error).toBe("name_taken");
    expect(slack.callsOf("conversations.list").length).toBeGreaterThan(1); // paged with the cursor
    expect(slack.callsOf("conversations.join")[0]?.args.channel).toBe(existing.id);
    expect(existing.messages).toHaveLength(1);
    const channel = await ctx.db.selectFrom("channels").select("slack_channel_id").executeTakeFirstOrThrow();
    expect(channel.slack_channel_id).toBe(existing.id);
  });

  it("retries a 429 after its Retry-After, then delivers", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    slack.script("chat.postMessage", [{ status: 429, retryAfter: 30 }]);
    await alert(world, "T1.alert:lead:1");
    const worker = workerFor(ctx);
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    const row = await ctx.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe("retrying");
    expect(row.last_error).toMatch(/ratelimited/);
    expect(row.next_attempt_at.getTime() - ctx.clock.now().getTime()).toBe(30_000);
    ctx.clock.advance(29_000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    ctx.clock.advance(1_000);
    expect(await worker.runOnce()).toMatchObject({ delivered: 1 });
    expect(slack.callsOf("chat.postMessage").map((c) => c.status)).toEqual([429, 200]);
    expect(slack.channelByName("cloud-trial-alerts")?.messages).toHaveLength(1);
  });

  it("retries Slack's 5xx and internal_error, but dead-letters channel_not_found and invalid_auth with the reason", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    slack.script("chat.postMessage", [{ status: 503 }, { error: "internal_error" }, { error: "channel_not_found" }]);
    await alert(world, "T1.alert:lead:1");
    const worker = workerFor(ctx);
    const base = ctx.packs.current().outbox.backoffBaseSeconds;
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    ctx.clock.advance(base * 1000);
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    ctx.clock.advance(4 * base * 1000);
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
    const row = await ctx.db.selectFrom("outbox").selectAll().executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/channel_not_found: the channel no longer exists/);

    slack.script("chat.postMessage", [{ error: "invalid_auth" }]);
    await alert(world, "T1.alert:lead:2");
    expect(await worker.drain()).toMatchObject({ dead: 1 });
    const second = await ctx.db.selectFrom("outbox").select("last_error").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(second.last_error).toMatch(/invalid_auth.*SLACK_TOKEN/);
  });

  it("refuses a bad channel name or empty text and changes nothing", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx } = world;
    const bad = [
      { channel: "cloud-trial-alerts", text: "x", field: "channel" },
      { channel: "#Bad Name", text: "x", field: "channel" },
      { channel: "#cloud-trial-alerts", text: "   ", field: "text" },
      { channel: "#cloud-trial-alerts", text: "x".repeat(4001), field: "text" },
    ];
    for (const b of bad) {
      const err = await inTrx(ctx, (trx) => postToChannel(trx, ctx, { ...b, actor: ruleT(ctx, "T1"), idempotencyKey: "k" })).catch((e: unknown) => e);
      expect(err, b.field).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("validation_failed");
      expect((err as AppError).message.startsWith(`${b.field}:`)).toBe(true);
    }
    for (const table of ["channels", "channel_messages", "outbox", "audit_log"] as const) expect(await count(ctx, table), table).toBe(0);
  });

  it("names feeds from the pack and refuses a feed the pack does not have", async () => {
    world = await channelWorld({ slackToken: false });
    const pack = world.ctx.packs.current();
    expect(feedChannelName(pack, "trialAlerts")).toBe("#cloud-trial-alerts");
    expect(feedChannelName(pack, "productQualifiedLeads")).toBe("#product-qualified-leads");
    expect(() => feedChannelName(pack, "nope")).toThrow(AppError);
    expect(() => feedChannelName(pack, "toString")).toThrow(AppError);
  });
});
