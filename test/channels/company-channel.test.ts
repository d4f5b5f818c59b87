import { afterEach, describe, expect, it } from "vitest";
import { ensureCompanyChannel } from "../../src/domains/channels/ensure-company-channel.js";
import { postToChannel } from "../../src/domains/channels/post-to-channel.js";
import { AppError } from "../../src/platform/errors/app-error.js";
import { channelWorld, count, inTrx, LEAD, person, ruleT, timelineOf, workerFor, type ChannelWorld } from "./channel-fixtures.js";

let world: ChannelWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const ensure = (w: ChannelWorld, company: string, memberUserIds: string[], ruleId = "T4.1") =>
  inTrx(w.ctx, (trx) => ensureCompanyChannel(trx, w.ctx, { company, subject: LEAD, memberUserIds, actor: ruleT(w.ctx, ruleId) }));

const memberIds = async (w: ChannelWorld, channelId: string) =>
  (await w.ctx.db.selectFrom("channel_members").select("user_id").where("channel_id", "=", channelId).execute()).map((m) => m.user_id).sort();

/** The AE, the CE, two core-team (growth) people, one deactivated growth person and an SDR. */
async function team(w: ChannelWorld) {
  const ae = await person(w.ctx, "ae", "Ann Account");
  const ce = await person(w.ctx, "ce", "Cem Engineer");
  const g1 = await person(w.ctx, "growth", "Gil Growth");
  const g2 = await person(w.ctx, "growth", "Gia Growth");
  const gone = await person(w.ctx, "growth", "Old Growth");
  await w.ctx.db.updateTable("users").set({ active: false }).where("id", "=", gone.id).execute();
  const sdr = await person(w.ctx, "sdr", "Sam Sdr");
  return { ae, ce, g1, g2, gone, sdr };
}

describe("ensureCompanyChannel", () => {
  it("T4.1 creates #cloud-trial-<company> with the AE, CE and core team, on Slack too", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    const t = await team(world);
    const slackIds = [t.ae, t.ce, t.g1].map((p) => slack.addUser(p.email)); // Gia has no Slack account

    const made = await ensure(world, "Acme, Inc.", [t.ae.id, t.ce.id]);
    expect(made).toMatchObject({ name: "#cloud-trial-acme-inc", created: true });
    expect(await memberIds(world, made.channelId)).toEqual([t.ae.id, t.ce.id, t.g1.id, t.g2.id].sort());
    const channel = await ctx.db.selectFrom("channels").selectAll().where("id", "=", made.channelId).executeTakeFirstOrThrow();
    expect(channel).toMatchObject({ kind: "company", subject_type: "lead", subject_id: LEAD.id });

    const leadEvents = await timelineOf(ctx, "lead", LEAD.id);
    expect(leadEvents).toHaveLength(1);
    expect(leadEvents[0]).toMatchObject({ kind: "channel.created", rule_id: "T4.1", pack_version: ctx.packs.current().version });
    expect(leadEvents[0]?.summary).toMatch(/^Channel #cloud-trial-acme-inc created with /);
    for (const who of ["Ann Account (Account executive)", "Cem Engineer (Customer engineer)", "Gil Growth (Growth)", "Gia Growth (Growth)"]) {
      expect(leadEvents[0]?.summary).toContain(who);
    }
    expect((await timelineOf(ctx, "channel", made.channelId)).map((e) => e.kind)).toEqual(["channel.created"]);

    expect(await workerFor(ctx).drain()).toMatchObject({ delivered: 1, dead: 0 });
    const inSlack = slack.channelByName("cloud-trial-acme-inc");
    expect(inSlack?.botMember).toBe(true);
    expect(slack.callsOf("users.lookupByEmail")).toHaveLength(4);
    expect([...(inSlack?.members ?? [])].sort()).toEqual(slackIds.sort());
    expect(slack.callsOf("conversations.invite")).toHaveLength(1);
    const stored = await ctx.db.selectFrom("channels").select("slack_channel_id").where("id", "=", made.channelId).executeTakeFirstOrThrow();
    expect(stored.slack_channel_id).toBe(inSlack?.id);
    const channelEvents = await timelineOf(ctx, "channel", made.channelId);
    expect(channelEvents.map((e) => e.kind)).toEqual(["channel.created", "channel.slack_linked", "channel.slack_members_missing"]);
    expect(channelEvents[2]?.summary).toContain(t.g2.email);
  });

  it("T8 is idempotent: a second call changes nothing, a later one adds only the missing members", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    const t = await team(world);
    const [, ceSlack] = [t.ae, t.ce, t.g1, t.g2].map((p) => slack.addUser(p.email));
    const first = await ensure(world, "Acme", [t.ae.id]);
    await workerFor(ctx).drain();
    const before = { timeline: await count(ctx, "timeline_events"), outbox: await count(ctx, "outbox") };

    const again = await ensure(world, "Acme", [t.ae.id], "T8");
    expect(again).toEqual({ ...first, created: false });
    expect(await count(ctx, "timeline_events")).toBe(before.timeline);
    expect(await count(ctx, "outbox")).toBe(before.outbox);

    const withCe = await ensure(world, "Acme", [t.ae.id, t.ce.id], "T8");
    expect(withCe.created).toBe(false);
    expect(await memberIds(world, first.channelId)).toEqual([t.ae.id, t.ce.id, t.g1.id, t.g2.id].sort());
    const events = await timelineOf(ctx, "lead", LEAD.id);
    expect(events.map((e) => [e.kind, e.rule_id])).toEqual([
      ["channel.created", "T4.1"],
      ["channel.members_added", "T8"],
    ]);
    expect(events[1]?.summary).toBe("Added Cem Engineer (Customer engineer) to #cloud-trial-acme");
    expect(await workerFor(ctx).drain()).toMatchObject({ delivered: 1 });
    const invites = slack.callsOf("conversations.invite");
    expect(invites).toHaveLength(2);
    expect(invites[1]?.args.users).toBe(ceSlack);
    expect(slack.channelByName("cloud-trial-acme")?.members.size).toBe(4);
    expect(slack.callsOf("conversations.create")).toHaveLength(1);
  });

  it("T11 finds the Slack channel when its name is taken (conversations.list) and invites into it", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    const t = await team(world);
    slack.addUser(t.ae.email);
    slack.addChannel("general", { botMember: true });
    slack.addChannel("random", { botMember: true });
    const existing = slack.addChannel("cloud-trial-globex", { botMember: true });
    const made = await ensure(world, "Globex", [t.ae.id], "T11");
    expect(await workerFor(ctx).drain()).toMatchObject({ delivered: 1 });
    expect(slack.callsOf("conversations.create")[0]?.error).toBe("name_taken");
    expect(slack.callsOf("conversations.list").length).toBe(2);
    expect(slack.callsOf("conversations.join")).toHaveLength(0); // already a member
    const stored = await ctx.db.selectFrom("channels").select("slack_channel_id").where("id", "=", made.channelId).executeTakeFirstOrThrow();
    expect(stored.slack_channel_id).toBe(existing.id);
    expect(existing.members.size).toBe(1);
  });

  it("looks again when the taken name belongs to a channel the app cannot see, then dead-letters with the reason", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    slack.addChannel("cloud-trial-umbrella", { isPrivate: true });
    await ensure(world, "Umbrella", []);
    const worker = workerFor(ctx);
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    ctx.clock.advance(3_600_000);
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    ctx.clock.advance(3_600_000);
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
    const row = await ctx.db.selectFrom("outbox").select("last_error").executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/#cloud-trial-umbrella exists but the app cannot see it/);
  });

  it("posts to a company channel whose Slack id is not known yet, after creating it, once", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx, slack } = world;
    const t = await team(world);
    slack.addUser(t.ae.email);
    await inTrx(ctx, async (trx) => {
      const made = await ensureCompanyChannel(trx, ctx, { company: "Initech", subject: LEAD, memberUserIds: [t.ae.id], actor: ruleT(ctx, "T4.1") });
      await postToChannel(trx, ctx, { channel: made.name, text: "Trial approved", subject: LEAD, actor: ruleT(ctx, "T4.1"), idempotencyKey: "T4.1:hello" });
    });
    expect(await workerFor(ctx).drain()).toMatchObject({ delivered: 2, dead: 0 });
    const inSlack = [...slack.channels.values()].filter((c) => c.name === "cloud-trial-initech");
    expect(inSlack).toHaveLength(1);
    expect(inSlack[0]?.messages.map((m) => m.text.split("\n")[0])).toEqual(["Trial approved"]);
    expect(inSlack[0]?.members.size).toBe(1);
    const messages = await ctx.db.selectFrom("channel_messages").select("channel_id").execute();
    expect(await count(ctx, "channels")).toBe(1);
    expect(messages).toHaveLength(1);
  });

  it("without a Slack token creates the channel in Trellis only", async () => {
    world = await channelWorld({ slackToken: false });
    const { ctx, slack } = world;
    const t = await team(world);
    const made = await ensure(world, "Hooli", [t.ae.id]);
    expect(made.created).toBe(true);
    expect(await count(ctx, "outbox")).toBe(0);
    await workerFor(ctx).drain();
    expect(slack.calls).toHaveLength(0);
  });

  it("refuses unknown member ids and changes nothing", async () => {
    world = await channelWorld({ slackToken: true });
    const { ctx } = world;
    await team(world);
    for (const ids of [["not-a-uuid"], ["00000000-0000-4000-8000-00000000dead"]]) {
      const err = await ensure(world, "Acme", ids).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("validation_failed");
      expect((err as AppError).message).toMatch(/^memberUserIds: /);
    }
    for (const table of ["channels", "channel_members", "outbox", "timeline_events"] as const) expect(await count(ctx, table), table).toBe(0);
  });

  it("leaves deactivated people out even when named", async () => {
    world = await channelWorld({ slackToken: false });
    const t = await team(world);
    const made = await ensure(world, "Acme", [t.ae.id, t.gone.id]);
    expect(await memberIds(world, made.channelId)).toEqual([t.ae.id, t.g1.id, t.g2.id].sort());
  });
});
