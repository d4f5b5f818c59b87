import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asRole, sendPing } from "../usage/usage-fixtures.js";
import { channelMessages, handedOffTrial, instanceRow, lifecycleWorld, leadRow, mailTo, snapshot, timeline, trialRow, type HandedOff, type LifecycleWorld } from "./fixtures.js";

let w: LifecycleWorld;
beforeAll(async () => {
  w = await lifecycleWorld();
});
afterAll(async () => {
  await w.close();
});

/** T11 "over 50 users": a ping with 51. */
async function makePql(t: HandedOff): Promise<void> {
  const res = await sendPing(w.server, t.ingestToken, { totalUsers: 51 });
  expect(res.statusCode, res.body).toBe(202);
  await w.worker.drain();
}

async function companyChannel(leadId: string) {
  const db = w.server.ctx.db;
  const channel = await db.selectFrom("channels").selectAll().where("subject_type", "=", "lead").where("subject_id", "=", leadId).executeTakeFirst();
  const members = channel ? await db.selectFrom("channel_members").select("user_id").where("channel_id", "=", channel.id).execute() : [];
  return { channel, members: members.map((m) => m.user_id) };
}

const claim = (leadId: string, headers: Record<string, string>, payload: Record<string, unknown> = {}) =>
  w.server.app.inject({ method: "POST", url: `/api/v1/leads/${leadId}/claim`, headers, payload });

async function aeSession() {
  const s = await w.server.signInAs("ae");
  return { userId: s.userId, headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken } };
}

describe("T11 PQL", () => {
  it("T11 moves the lead to PQL, alerts the PQL feed, prompts sales ops, creates the channel", async () => {
    const t = await handedOffTrial(w, { ceUserId: w.ce.id });
    expect((await companyChannel(t.leadId)).channel).toBeUndefined();
    await makePql(t);

    const lead = await leadRow(w, t.leadId);
    expect(lead.status).toBe("PQL");
    expect(lead.pql_at).toEqual(w.server.ctx.clock.now());
    const status = (await timeline(w, "lead", t.leadId)).find((e) => e.kind === "lead.status_changed" && e.summary.includes("PQL"));
    expect(status).toMatchObject({ rule_id: "T11", pack_version: w.server.ctx.packs.current().version });
    expect((await timeline(w, "trial", t.trialId)).map((e) => e.kind)).toContain("trial.pql");

    const feed = (await channelMessages(w, "#product-qualified-leads")).filter((m) => m.subject_id === t.leadId);
    expect(feed).toHaveLength(1);
    expect(feed[0]?.text).toContain("Over 50 users");
    expect(feed[0]?.text).toContain(`/leads/${t.leadId}`);

    const prompt = mailTo(w, w.salesOps.email).filter((m) => m.subject === `PQL: ${t.company} (${t.slug})`);
    expect(prompt).toHaveLength(1);
    expect(prompt[0]?.text).toContain("Over 50 users");

    const { channel, members } = await companyChannel(t.leadId);
    expect(channel?.kind).toBe("company");
    expect(members).toEqual(expect.arrayContaining([w.growth.id, w.ce.id]));

    // An AE claims it from the feed and joins the channel.
    const ae = await aeSession();
    const res = await claim(t.leadId, ae.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect((await leadRow(w, t.leadId)).ae_user_id).toBe(ae.userId);
    expect((await companyChannel(t.leadId)).members).toContain(ae.userId);
    expect((await timeline(w, "lead", t.leadId)).map((e) => e.kind)).toContain("lead.claimed");

    // First come, first served: another AE gets 409; an admin may reassign.
    const other = await aeSession();
    const refused = await claim(t.leadId, other.headers);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, "already_claimed"]);
    expect((await leadRow(w, t.leadId)).ae_user_id).toBe(ae.userId);
    const reassigned = await claim(t.leadId, await asRole(w.server, "admin"), { aeUserId: other.userId });
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect((await leadRow(w, t.leadId)).ae_user_id).toBe(other.userId);

    // The signal is latched: more usage does not alert again.
    await sendPing(w.server, t.ingestToken, { totalUsers: 80 });
    expect((await channelMessages(w, "#product-qualified-leads")).filter((m) => m.subject_id === t.leadId && m.rule_id === "T11")).toHaveLength(1);
  });

  it("T11 only PQLs convert (409 not_pql)", async () => {
    const t = await handedOffTrial(w);
    const body = { decision: "convert", userCount: 120, expiresAt: "2027-02-01T00:00:00Z", note: "Signed" };
    const before = await snapshot(w);
    const refused = await w.server.app.inject({ method: "POST", url: `/api/v1/trials/${t.trialId}/decision`, headers: await asRole(w.server, "sales_ops"), payload: body });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("not_pql");
    expect(refused.json().error.message).toContain("T11");
    expect(await snapshot(w)).toEqual(before);
    const ae = await aeSession();
    const notClaimable = await claim(t.leadId, ae.headers);
    expect([notClaimable.statusCode, notClaimable.json().error.code]).toEqual([409, "not_pql"]);

    await makePql(t);
    const res = await w.server.app.inject({ method: "POST", url: `/api/v1/trials/${t.trialId}/decision`, headers: await asRole(w.server, "sales_ops"), payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ decision: "convert", state: "converted" });
    expect(await instanceRow(w, t.instanceId)).toMatchObject({ kind: "production", seats: 120, status: "active" });
    const lead = await leadRow(w, t.leadId);
    expect(lead.status).toBe("Converted");
    expect(lead.converted_at).not.toBeNull();
    const trial = await trialRow(w, t.trialId);
    expect(trial).toMatchObject({ state: "converted", decision: "convert", decision_note: "Signed" });
    // X: conversion creates a new (production) subscription; the trial's own is kept.
    const subs = await w.server.ctx.db.selectFrom("subscriptions").select(["kind", "id"]).where("instance_id", "=", t.instanceId).orderBy("created_at").execute();
    expect(subs.map((s) => s.kind)).toEqual(["trial", "production"]);
    const license = await w.server.ctx.db.selectFrom("licenses").selectAll().where("subscription_id", "=", subs[1]?.id ?? "").executeTakeFirstOrThrow();
    expect(license.user_count).toBe(120);
    // Issue 5: the converted trial's instance (and so its usage history) belongs to the company's account in the book.
    const instanceAccount = (await instanceRow(w, t.instanceId)).account_id;
    expect(instanceAccount).not.toBeNull();
    const account = await w.server.ctx.db.selectFrom("accounts").selectAll().where("id", "=", instanceAccount ?? "").executeTakeFirstOrThrow();
    expect(account).toMatchObject({ name: t.company, domain: t.adminEmail.split("@")[1], account_type: w.server.ctx.packs.current().accounts.types.prospect });
    expect((await leadRow(w, t.leadId)).account_id).toBe(account.id);
    const detail = await w.server.app.inject({ method: "GET", url: `/api/v1/accounts/${account.id}`, headers: await asRole(w.server, "ta") });
    expect(detail.json().instances.map((i: { id: string; kind: string }) => [i.id, i.kind])).toEqual([[t.instanceId, "production"]]);
    expect(license.tags).not.toContain("trial");
    expect(license.tags).not.toContain("plg-trial");
    expect(license.tags).toContain("plan:enterprise-1");
  });
});
