import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { TestServer } from "../support/test-server.js";
import { asRole, emailsTo, leadRow, messagesIn, outboxRows, person, qualify, signup, signupLead, tableCounts, trialOf, trialServer, PROVISIONER_SECRET, type SignupAnswer } from "./trial-fixtures.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const webhookConfig = { provisioner: "webhook" as const, provisionerUrl: "http://127.0.0.1:9/provision", provisionerSecret: PROVISIONER_SECRET };

async function makeUser(s: TestServer, role: "ae" | "ce" | "growth" | "cloud_ops", email: string): Promise<string> {
  const res = await s.app.inject({ method: "POST", url: "/api/v1/users", headers: await asRole(s, "admin"), payload: { email, name: email.split("@")[0], role, password: "a-long-password-123" } });
  if (res.statusCode !== 201) throw new Error(`user: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

describe("qualification (T4) and capacity (T5)", () => {
  it("T4.1 approval: Approved trial, AE told, channel with AE, CE and core team, license, provisioning request", async () => {
    server = await trialServer({ config: webhookConfig });
    const ae = await makeUser(server, "ae", "alex.ae@vendor.test");
    const ce = await makeUser(server, "ce", "casey.ce@vendor.test");
    await makeUser(server, "growth", "gina.growth@vendor.test");
    const now = new Date();
    await server.ctx.db.insertInto("accounts").values({ id: randomUUID(), name: "Acme Corp", domain: "acme.io", customer: true, strategic: false, ae_user_id: ae, ce_user_id: ce, created_at: now, updated_at: now }).execute();
    const leadId = await signupLead(server, "ada@acme.io", "Acme Corp");
    const lead = await leadRow(server, leadId);
    expect(lead.ae_user_id).toBe(ae);
    expect(lead.checks).toEqual(expect.arrayContaining([expect.objectContaining({ id: "existing_customer", outcome: "info" })]));

    const res = await qualify(server, leadId, { decision: "approve" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "Approved trial", statusKey: "approved", trial: { state: "provisioning", slug: "acme", provisioner: "webhook", leadStatusKey: "approved" } });
    const after = await leadRow(server, leadId);
    expect(after.qualified_at).not.toBeNull();
    expect(after.converted_at).toBeNull();

    const [aeMail] = await emailsTo(server, "alex.ae@vendor.test");
    expect(aeMail?.text).toContain("an existing customer");

    const channel = await server.ctx.db.selectFrom("channels").selectAll().where("name", "=", "#cloud-trial-acme-corp").executeTakeFirstOrThrow();
    const members = await server.ctx.db.selectFrom("channel_members as m").innerJoin("users as u", "u.id", "m.user_id").select("u.email").where("m.channel_id", "=", channel.id).execute();
    expect(members.map((m) => m.email).sort()).toEqual(["alex.ae@vendor.test", "casey.ce@vendor.test", "gina.growth@vendor.test"]);

    const trial = await trialOf(server, leadId);
    const license = await server.ctx.db
      .selectFrom("licenses as l")
      .innerJoin("subscriptions as s", "s.id", "l.subscription_id")
      .select(["l.licensee", "l.user_count", "l.tags", "s.kind"])
      .where("s.trial_id", "=", trial.id)
      .executeTakeFirstOrThrow();
    expect(license).toMatchObject({ licensee: "acme-corp-plg-trial", user_count: 1000, kind: "trial" });
    expect(license.tags).toEqual(expect.arrayContaining(["plan:enterprise-1", "trial", "plg-trial", "true-up"]));

    const [request] = await outboxRows(server, "provision");
    expect(request?.payload).toMatchObject({ action: "create", trialId: trial.id, body: { slug: "acme", adminEmail: "ada@acme.io", attempt: 1 } });
    expect(String((request?.payload.body as Record<string, unknown>).licenseKey)).not.toBe("");
    // X SLA: a Monday 09:00 signup is due one working hour later.
    expect(trial.provisioning_due_at?.toISOString()).toBe("2026-01-05T10:00:00.000Z");
    const timeline = await server.ctx.db.selectFrom("timeline_events").select(["kind", "actor_type"]).where("subject_id", "=", leadId).orderBy("id").execute();
    expect(timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(["lead.created", "lead.status_changed", "trial.approved", "trial.provisioning_requested"]));
  });

  it("T4.1 with the manual provisioner, cloud ops get a task by email and in their feed", async () => {
    server = await trialServer();
    await makeUser(server, "cloud_ops", "olga.ops@vendor.test");
    const leadId = await signupLead(server, "ada@acme.io", "Acme");
    await qualify(server, leadId, { decision: "approve" });
    const [task] = await emailsTo(server, "olga.ops@vendor.test");
    expect(task?.subject).toBe("Provision trial instance acme for Acme");
    expect(await messagesIn(server, "#discuss-cloud-ops")).toEqual([expect.stringContaining("Provisioning requested for Acme (acme), manual provisioner")]);
    expect(await outboxRows(server, "provision")).toEqual([]);
  });

  it("T4.2 disqualifying sets the substatus, alerts, and sends the high-demand email", async () => {
    server = await trialServer();
    const leadId = await signupLead(server, "ada@acme.io", "Acme");
    const res = await qualify(server, leadId, { decision: "disqualify", reason: "student project" });
    expect(res.json()).toMatchObject({ status: "disqualified", substatus: "Does not meet trial criteria" });
    const [mail] = await emailsTo(server, "ada@acme.io");
    expect(mail?.subject).toBe("Your trial request for Acme");
    expect(mail?.text).toContain("high demand");
    expect((await messagesIn(server, "#cloud-trial-alerts")).at(-1)).toContain("disqualified: student project");
    expect((await qualify(server, leadId, { decision: "disqualify" })).statusCode).toBe(409);
  });

  it("T4.3 un-qualifying cancels the provisioning request with the comment and alerts the cloud team", async () => {
    server = await trialServer({ config: webhookConfig });
    const leadId = await signupLead(server, "ada@acme.io", "Acme");
    await qualify(server, leadId, { decision: "approve" });
    const missing = await qualify(server, leadId, { decision: "unqualify" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { message: string } }>().error.message).toContain("reason");
    expect((await trialOf(server, leadId)).state).toBe("provisioning");
    const res = await qualify(server, leadId, { decision: "unqualify", reason: "turned out to be a competitor" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "Unqualified" });
    expect(await trialOf(server, leadId)).toMatchObject({ state: "cancelled", close_reason: "turned out to be a competitor" });
    const cancel = (await outboxRows(server, "provision")).find((r) => r.payload.action === "cancel");
    expect(cancel?.payload.body).toMatchObject({ slug: "acme", comment: "turned out to be a competitor" });
    expect((await messagesIn(server, "#discuss-cloud-ops")).at(-1)).toContain("Cancelled: trial instance acme for Acme is no longer wanted (turned out to be a competitor)");
  });

  it("T5 approvals beyond capacity wait in line and start when a slot frees", async () => {
    server = await trialServer({ pack: (p) => ({ ...p, trials: { ...p.trials, maxConcurrentInstances: 1 } }) });
    const first = await signupLead(server, "ada@one.io", "One");
    const second = await signupLead(server, "bob@two.io", "Two");
    await qualify(server, first, { decision: "approve" });
    const queued = await qualify(server, second, { decision: "approve" });
    expect(queued.json()).toMatchObject({ trial: { state: "queued", queuePosition: 1 }, capacity: { max: 1, used: 1, remaining: 0, queued: 1 } });
    const checks = (await server.app.inject({ method: "GET", url: `/api/v1/leads/${second}`, headers: await asRole(server, "sdr") })).json<{ checks: { id: string; reason: string }[] }>().checks;
    expect(checks.find((c) => c.id === "capacity")?.reason).toContain("1 of 1 trial instances free");
    await qualify(server, first, { decision: "unqualify", reason: "duplicate company" });
    expect((await trialOf(server, second)).state).toBe("provisioning");
    const board = await server.app.inject({ method: "GET", url: "/api/v1/trials", headers: await asRole(server, "growth") });
    expect(board.json()).toMatchObject({ capacity: { used: 1, queued: 0 }, items: [{ company: "Two", state: "provisioning" }] });
  });

  it("T4 automatic approval approves when every check passes and disqualifies otherwise", async () => {
    server = await trialServer({ pack: (p) => ({ ...p, qualification: { ...p.qualification, autoApprove: true } }) });
    const ok = (await signup(server, person("ada@acme.io", "Acme"))).json<SignupAnswer>();
    expect(ok.outcome).toBe("preparing");
    expect((await leadRow(server, ok.requestId ?? "")).status).toBe("Approved trial");
    const free = (await signup(server, person("someone@gmail.com", "Me"))).json<SignupAnswer>();
    expect(free.outcome).toBe("high_demand");
    const lead = await leadRow(server, free.requestId ?? "");
    expect(lead).toMatchObject({ status: "disqualified", substatus: "Does not meet trial criteria" });
    const events = await server.ctx.db.selectFrom("timeline_events").select(["rule_id"]).where("subject_id", "=", lead.id).where("kind", "=", "lead.status_changed").execute();
    expect(events).toEqual([{ rule_id: "T4.2" }]);
  });

  it("slugs: collisions get a suffix within 10 characters; a taken or invalid slug asked for is refused", async () => {
    server = await trialServer();
    await server.app.inject({ method: "POST", url: "/api/v1/instances", headers: await asRole(server, "growth"), payload: { slug: "megacorpor", name: "x", kind: "trial", adminEmail: "a@other.io" } });
    const a = await signupLead(server, "ada@mega.io", "Megacorporation International");
    expect((await qualify(server, a, { decision: "approve" })).json()).toMatchObject({ trial: { slug: "megacorpo2" } });
    const b = await signupLead(server, "bob@mega2.io", "Mega Two");
    const taken = await qualify(server, b, { decision: "approve", slug: "megacorpo2" });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: "already_exists", details: { field: "slug" } } });
    const long = await qualify(server, b, { decision: "approve", slug: "muchtoolongslug" });
    expect(long.statusCode).toBe(400);
    expect((await leadRow(server, b)).status).toBe("New");
    expect((await tableCounts(server)).trials).toBe(1);
  });
});
