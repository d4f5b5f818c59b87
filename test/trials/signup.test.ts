import { afterEach, describe, expect, it } from "vitest";
import type { TestServer } from "../support/test-server.js";
import { emailsTo, leadRow, messagesIn, person, signup, tableCounts, trialServer, type SignupAnswer } from "./trial-fixtures.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("signup (T1, T2, T3)", () => {
  it("T1 creates a lead in the trial campaign, alerts #cloud-trial-alerts and answers honestly", async () => {
    server = await trialServer();
    const res = await signup(server, person("ada@acme.io", "Acme", { fields: { jobTitle: "Staff engineer", developers: "100-499" } }));
    expect(res.statusCode).toBe(201);
    const answer = res.json<SignupAnswer>();
    expect(answer).toMatchObject({ outcome: "received", duplicate: false, instances: [] });
    expect(answer.message).toContain("Ada Acme");
    const lead = await leadRow(server, answer.requestId ?? "");
    expect(lead).toMatchObject({ email: "ada@acme.io", email_domain: "acme.io", company: "Acme", campaign: "PR - Trial - Cloud - 9.27.22", status: "New" });
    expect(lead.fields).toEqual({ jobTitle: "Staff engineer", developers: "100-499" });
    expect(lead.checks.map((c) => c.id)).toEqual(expect.arrayContaining(["existing_instance", "free_mail", "disposable", "criterion:not_personal", "capacity"]));
    expect(await messagesIn(server, "#cloud-trial-alerts")).toEqual([expect.stringContaining("New trial request: Ada Acme <ada@acme.io> at Acme")]);
    const submission = await server.ctx.db.selectFrom("signup_submissions").selectAll().executeTakeFirstOrThrow();
    expect(submission).toMatchObject({ status: "processed", lead_id: lead.id, email: "ada@acme.io" });
    const timeline = await server.ctx.db.selectFrom("timeline_events").selectAll().where("subject_id", "=", lead.id).execute();
    expect(timeline[0]).toMatchObject({ kind: "lead.created", rule_id: "T1", pack_version: server.ctx.packs.current().version });
  });

  it("T1 the same email within the window gets its earlier request back, not a duplicate", async () => {
    server = await trialServer();
    const first = (await signup(server, person("ada@acme.io", "Acme"))).json<SignupAnswer>();
    const again = await signup(server, person("ADA@acme.io", "Acme Inc"));
    expect(again.statusCode).toBe(200);
    expect(again.json<SignupAnswer>()).toMatchObject({ requestId: first.requestId, duplicate: true, outcome: "received" });
    expect((await tableCounts(server)).leads).toBe(1);
    server.ctx.clock.advance(25 * 3_600_000);
    const later = await signup(server, person("ada@acme.io", "Acme"));
    expect(later.statusCode).toBe(201);
    expect((await tableCounts(server)).leads).toBe(2);
  });

  it("T3 a requester whose domain has an instance is shown it, and can ask its admin for access", async () => {
    server = await trialServer();
    const created = await server.app.inject({
      method: "POST",
      url: "/api/v1/instances",
      headers: { authorization: `Bearer ${await server.tokenFor("growth")}` },
      payload: { slug: "my-acme", name: "Acme", kind: "trial", adminEmail: "admin@acme.com" },
    });
    const instanceId = created.json<{ instance: { id: string } }>().instance.id;
    const res = await signup(server, person("bob@acme.com", "Acme"));
    expect(res.statusCode).toBe(201);
    const answer = res.json<SignupAnswer>();
    expect(answer.outcome).toBe("existing_instance");
    expect(answer.instances).toEqual([expect.objectContaining({ id: instanceId, slug: "my-acme", ssoEnabled: false })]);
    expect((await leadRow(server, answer.requestId ?? "")).status).toBe("Instance Already in Trial");
    expect(await messagesIn(server, "#cloud-trial-alerts")).toEqual([expect.stringContaining("already has my-acme")]);

    const asked = await server.app.inject({ method: "POST", url: "/api/v1/public/access-requests", payload: { requestId: answer.requestId, instanceId, message: "I'm on the platform team" } });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ status: "open", email: "bob@acme.com" });
    const [mail] = await emailsTo(server, "admin@acme.com");
    expect(mail?.subject).toContain("asks for access");
    expect(mail?.text).toContain("bob@acme.com");
    // Asking twice keeps one open request.
    await server.app.inject({ method: "POST", url: "/api/v1/public/access-requests", payload: { requestId: answer.requestId, instanceId } });
    expect((await tableCounts(server)).access_requests).toBe(1);

    const support = { authorization: `Bearer ${await server.tokenFor("support")}` };
    const open = await server.app.inject({ method: "GET", url: "/api/v1/access-requests?status=open", headers: support });
    const requestId = open.json<{ items: { id: string }[] }>().items[0]?.id;
    const answered = await server.app.inject({ method: "POST", url: `/api/v1/access-requests/${requestId}/answer`, headers: support, payload: { status: "granted", note: "admin invited Bob" } });
    expect(answered.json()).toMatchObject({ status: "granted", answerNote: "admin invited Bob" });
    const twice = await server.app.inject({ method: "POST", url: `/api/v1/access-requests/${requestId}/answer`, headers: support, payload: { status: "declined" } });
    expect(twice.statusCode).toBe(409);
  });

  it("T3 does not match instances on free-mail domains", async () => {
    server = await trialServer();
    await server.app.inject({
      method: "POST",
      url: "/api/v1/instances",
      headers: { authorization: `Bearer ${await server.tokenFor("growth")}` },
      payload: { slug: "gm", name: "Someone", kind: "trial", adminEmail: "someone@gmail.com" },
    });
    const answer = (await signup(server, person("other@gmail.com", "Other"))).json<SignupAnswer>();
    expect(answer.outcome).toBe("received");
  });

  it("refuses bad input with the field and stores nothing", async () => {
    server = await trialServer();
    const before = await tableCounts(server);
    const cases: [Record<string, unknown>, number, string][] = [
      [person("not-an-email", "Acme"), 400, "email"],
      [{ email: "ada@acme.io", company: "Acme" }, 400, "name"],
      [{ name: "Ada", email: "ada@acme.io", company: "x".repeat(201) }, 400, "company"],
      [person("ada@acme.io", "Acme", { fields: { shoeSize: "44" } }), 400, "fields.shoeSize"],
      [person("ada@acme.io", "Acme", { fields: { developers: "a million" } }), 400, "fields.developers"],
      [person("ada@acme.io", "Acme", { fields: { jobTitle: "x".repeat(121) } }), 400, "fields.jobTitle"],
    ];
    for (const [body, status, field] of cases) {
      const res = await signup(server, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: "validation_failed", message: expect.stringContaining(field) });
    }
    const huge = await signup(server, person("ada@acme.io", "Acme", { website: "y".repeat(20_000) }));
    expect(huge.statusCode).toBe(413);
    expect(await tableCounts(server)).toEqual(before);
  });

  it("the honeypot keeps the submission as spam and makes no lead", async () => {
    server = await trialServer();
    const res = await signup(server, person("bot@spam.io", "Spam", { website: "http://spam.example" }));
    expect(res.statusCode).toBe(202);
    expect(res.json<SignupAnswer>().outcome).toBe("accepted");
    expect((await tableCounts(server)).leads).toBe(0);
    expect(await server.ctx.db.selectFrom("signup_submissions").select("status").executeTakeFirst()).toEqual({ status: "spam" });
  });

  it("rate-limits per IP and per domain with 429 and Retry-After", async () => {
    server = await trialServer({ pack: (p) => ({ ...p, signup: { ...p.signup, rateLimit: { windowMinutes: 60, perIp: 2, perDomain: 3 } } }) });
    expect((await signup(server, person("a@one.io", "One"), "10.9.9.9")).statusCode).toBe(201);
    expect((await signup(server, person("b@two.io", "Two"), "10.9.9.9")).statusCode).toBe(201);
    const third = await signup(server, person("c@three.io", "Three"), "10.9.9.9");
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers["retry-after"])).toBeGreaterThan(0);
    expect(third.json<{ error: { code: string } }>().error.code).toBe("rate_limited");
    for (const n of [1, 2, 3]) expect((await signup(server, person(`p${n}@same.io`, "Same"))).statusCode).toBe(201);
    expect((await signup(server, person("p4@same.io", "Same"))).statusCode).toBe(429);
    server.ctx.clock.advance(61 * 60_000);
    expect((await signup(server, person("p4@same.io", "Same"))).statusCode).toBe(201);
  });

  it("T2 a signup whose processing fails is kept, support is emailed, and a replay processes it", async () => {
    server = await trialServer();
    // A real failure inside processing: the leads table is briefly unusable.
    await server.ctx.db.schema.alterTable("leads").renameTo("leads_away").execute();
    const res = await signup(server, person("ada@acme.io", "Acme"));
    await server.ctx.db.schema.alterTable("leads_away").renameTo("leads").execute();
    expect(res.statusCode).toBe(202);
    expect(res.json<SignupAnswer>()).toMatchObject({ outcome: "accepted", requestId: null });
    const failed = await server.app.inject({ method: "GET", url: "/api/v1/signups/failed", headers: { authorization: `Bearer ${await server.tokenFor("support")}` } });
    const [item] = failed.json<{ items: { id: string; email: string; error: string; attempts: number }[] }>().items;
    expect(item).toMatchObject({ email: "ada@acme.io", attempts: 1, error: expect.stringContaining("leads") });
    const [mail] = await emailsTo(server, "support@vendor.test");
    expect(mail?.subject).toContain("ada@acme.io");
    expect(mail?.text).toContain(item?.id);
    const replay = await server.app.inject({ method: "POST", url: `/api/v1/signups/${item?.id}/replay`, headers: { authorization: `Bearer ${await server.tokenFor("support")}` } });
    expect(replay.statusCode).toBe(200);
    expect(replay.json<SignupAnswer>()).toMatchObject({ outcome: "received" });
    expect((await tableCounts(server)).leads).toBe(1);
    const again = await server.app.inject({ method: "POST", url: `/api/v1/signups/${item?.id}/replay`, headers: { authorization: `Bearer ${await server.tokenFor("support")}` } });
    expect(again.statusCode).toBe(409);
  });
});

describe("T2 interrupted signups", () => {
  it("T2 a submission left unprocessed by a stopped server is listed after 5 minutes and can be replayed", async () => {
    server = await trialServer();
    const now = server.ctx.clock.now();
    await server.ctx.db
      .insertInto("signup_submissions")
      .values({ id: "6c1d1f7e-0000-4000-8000-000000000001", received_at: now, ip: "10.0.0.1", email: "ada@acme.io", email_domain: "acme.io", payload: JSON.stringify(person("ada@acme.io", "Acme")), status: "received" })
      .execute();
    const support = { authorization: `Bearer ${await server.tokenFor("support")}` };
    const list = async () => (await server!.app.inject({ method: "GET", url: "/api/v1/signups/failed", headers: support })).json<{ items: { id: string; error: string }[] }>().items;
    expect(await list()).toEqual([]);
    const early = await server.app.inject({ method: "POST", url: "/api/v1/signups/6c1d1f7e-0000-4000-8000-000000000001/replay", headers: support });
    expect(early.statusCode).toBe(409);
    server.ctx.clock.advance(6 * 60_000);
    expect(await list()).toEqual([expect.objectContaining({ id: "6c1d1f7e-0000-4000-8000-000000000001", error: expect.stringContaining("interrupted") })]);
    const replay = await server.app.inject({ method: "POST", url: "/api/v1/signups/6c1d1f7e-0000-4000-8000-000000000001/replay", headers: support });
    expect(replay.json<SignupAnswer>()).toMatchObject({ outcome: "received" });
    expect(await list()).toEqual([]);
  });
});
