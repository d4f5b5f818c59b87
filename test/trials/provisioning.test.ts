import { afterEach, describe, expect, it } from "vitest";
import type { TestServer } from "../support/test-server.js";
import { startSmtpListener, type SmtpListener } from "../support/smtp-listener.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { workerFor } from "../outbox/outbox-fixtures.js";
import { asRole, callback, leadRow, messagesIn, qualify, signupLead, tableCounts, trialOf, trialServer, PROVISIONER_SECRET } from "./trial-fixtures.js";

let server: TestServer | undefined;
let smtp: SmtpListener | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await smtp?.close();
  await receiver?.close();
  server = smtp = receiver = undefined;
});

async function webhookServer(): Promise<TestServer> {
  smtp = await startSmtpListener();
  receiver = await startWebhookReceiver({ secret: PROVISIONER_SECRET });
  return trialServer({
    config: { provisioner: "webhook", provisionerUrl: receiver.url, provisionerSecret: PROVISIONER_SECRET, outboundAllowList: ["127.0.0.1"], smtpUrl: smtp.url },
  });
}

describe("provisioning (T6) and hand-off (T7)", () => {
  it("T6 sends a signed request to the webhook provisioner; T7 a signed ready callback hands the instance off", async () => {
    server = await webhookServer();
    const ce = await server.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: await asRole(server, "admin"),
      payload: { email: "casey.ce@vendor.test", name: "Casey", role: "ce", password: "a-long-password-123", bookingUrl: "https://cal.example.com/casey" },
    });
    const leadId = await signupLead(server, "ada@acme.io", "Acme");
    await server.ctx.db.updateTable("leads").set({ ce_user_id: ce.json<{ id: string }>().id }).where("id", "=", leadId).execute();
    await qualify(server, leadId, { decision: "approve" });
    const worker = workerFor(server.ctx);
    await worker.runOnce();
    const [request] = await receiver!.waitFor((r) => r.length > 0);
    expect(request?.verified).toBe(true);
    const sent = JSON.parse(request?.body ?? "{}") as Record<string, unknown>;
    const trial = await trialOf(server, leadId);
    expect(sent).toMatchObject({ type: "trial.provisioning.create", trialId: trial.id, slug: "acme", adminEmail: "ada@acme.io", attempt: 1, callbackUrl: expect.stringContaining("/api/v1/provisioning/callback") });

    const ready = await callback(server, { trialId: trial.id, attempt: 1, status: "ready", instanceUrl: "https://acme.cloud.example.com", passwordResetUrl: "https://acme.cloud.example.com/reset?token=abc" });
    expect(ready.statusCode, ready.body).toBe(200);
    const answer = ready.json<{ status: string; instanceId: string; ingestToken: string }>();
    expect(answer.ingestToken).toMatch(/^trl_ing_/);

    const instance = await server.ctx.db.selectFrom("instances").selectAll().where("id", "=", answer.instanceId).executeTakeFirstOrThrow();
    expect(instance).toMatchObject({ slug: "acme", kind: "trial", company: "Acme", admin_email: "ada@acme.io", url: "https://acme.cloud.example.com" });
    const lead = await leadRow(server, leadId);
    expect(lead.status).toBe("Trial Instance Handed Off");
    const running = await trialOf(server, leadId);
    expect(running).toMatchObject({ state: "running", instance_id: instance.id });
    expect(running.ends_at?.toISOString()).toBe("2026-02-04T09:00:00.000Z");
    const subscription = await server.ctx.db.selectFrom("subscriptions").select("instance_id").where("trial_id", "=", trial.id).executeTakeFirstOrThrow();
    expect(subscription.instance_id).toBe(instance.id);
    const mapped = await server.ctx.db.selectFrom("timeline_events").select("summary").where("subject_id", "=", instance.id).where("kind", "=", "instance.mapped_to_company").executeTakeFirstOrThrow();
    expect(mapped.summary).toContain("Acme");

    await worker.runOnce();
    const [mail] = await smtp!.waitFor((m) => m.some((x) => x.envelopeTo.includes("ada@acme.io")));
    expect(mail?.subject).toBe("Your Acme instance is ready");
    expect(mail?.envelopeTo).toEqual(expect.arrayContaining(["ada@acme.io", "casey.ce@vendor.test"]));
    expect(mail?.text).toContain("https://acme.cloud.example.com/reset?token=abc");
    expect(mail?.text).toContain("https://docs.example.com/onboarding-checklist");
    expect(mail?.text).toContain("https://cal.example.com/casey");
    expect(await messagesIn(server, "#cloud-trial-alerts")).toEqual(expect.arrayContaining([expect.stringContaining("Handed off: Acme's instance https://acme.cloud.example.com is ready")]));

    // The same callback again changes nothing.
    const again = await callback(server, { trialId: trial.id, status: "ready", instanceUrl: "https://acme.cloud.example.com", passwordResetUrl: "https://x.example.com/r" });
    expect(again.statusCode).toBe(409);
    await worker.stop();
  });

  it("T6 a callback with a bad or stale signature gets 401 and changes nothing", async () => {
    server = await webhookServer();
    const leadId = await signupLead(server, "ada@acme.io", "Acme");
    await qualify(server, leadId, { decision: "approve" });
    const trial = await trialOf(server, leadId);
    const before = await tableCounts(server);
    const body = { trialId: trial.id, status: "ready", instanceUrl: "https://acme.example.com", passwordResetUrl: "https://acme.example.com/r" };
    const forged = await callback(server, body, { secret: "whsec_" + Buffer.from("someone-else-entirely-0123456789").toString("base64") });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: { code: "invalid_signature" } });
    const stale = await callback(server, body, { ageSeconds: 600 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json<{ error: { message: string } }>().error.message).toContain("too old");
    const unsigned = await server.app.inject({ method: "POST", url: "/api/v1/provisioning/callback", headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
    expect(unsigned.statusCode).toBe(401);
    expect(await tableCounts(server)).toEqual(before);
    expect((await trialOf(server, leadId)).state).toBe("provisioning");
    const badBody = await callback(server, { trialId: trial.id, status: "ready", instanceUrl: "not a url" });
    expect(badBody.statusCode).toBe(400);
    const oldAttempt = await callback(server, { ...body, attempt: 7 });
    expect(oldAttempt.statusCode).toBe(409);
  });

  it("T6 a failed report keeps the slot, alerts cloud ops, and a retry sends attempt 2", async () => {
    server = await webhookServer();
    const leadId = await signupLead(server, "ada@acme.io", "Acme");
    await qualify(server, leadId, { decision: "approve" });
    const trial = await trialOf(server, leadId);
    const failed = await callback(server, { trialId: trial.id, status: "failed", error: "quota exceeded in region" });
    expect(failed.statusCode).toBe(200);
    expect(await trialOf(server, leadId)).toMatchObject({ state: "provisioning_failed", provisioning_error: "quota exceeded in region" });
    expect((await messagesIn(server, "#discuss-cloud-ops")).at(-1)).toContain("failed (attempt 1): quota exceeded in region");
    const retry = await server.app.inject({ method: "POST", url: `/api/v1/trials/${trial.id}/retry-provisioning`, headers: await asRole(server, "cloud_ops") });
    expect(retry.json()).toMatchObject({ state: "provisioning", provisioningAttempt: 2, provisioningError: null });
    const licenses = await server.ctx.db.selectFrom("licenses").select("id").execute();
    expect(licenses).toHaveLength(1);
  });

  it("T6 manual provisioner: cloud ops mark the instance ready; growth takes the trial", async () => {
    server = await trialServer();
    const leadId = await signupLead(server, "ada@acme.io", "Acme");
    await qualify(server, leadId, { decision: "approve" });
    const trial = await trialOf(server, leadId);
    const bad = await server.app.inject({ method: "POST", url: `/api/v1/trials/${trial.id}/ready`, headers: await asRole(server, "cloud_ops"), payload: { instanceUrl: "nope" } });
    expect(bad.statusCode).toBe(400);
    const forbidden = await server.app.inject({ method: "POST", url: `/api/v1/trials/${trial.id}/ready`, headers: await asRole(server, "sdr"), payload: { instanceUrl: "https://a.example.com", passwordResetUrl: "https://a.example.com/r" } });
    expect(forbidden.statusCode).toBe(403);
    const ready = await server.app.inject({ method: "POST", url: `/api/v1/trials/${trial.id}/ready`, headers: await asRole(server, "cloud_ops"), payload: { instanceUrl: "https://a.example.com", passwordResetUrl: "https://a.example.com/r" } });
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toMatchObject({ trial: { state: "running", instance: { slug: "acme", url: "https://a.example.com" }, sla: { state: "met" } } });

    const growth = await server.signInAs("growth", "gina@vendor.test");
    const take = await server.app.inject({ method: "POST", url: `/api/v1/trials/${trial.id}/assign`, headers: { cookie: growth.cookie, "x-csrf-token": growth.csrfToken } });
    expect(take.statusCode, take.body).toBe(200);
    expect(take.json()).toMatchObject({ growthOwner: { id: growth.userId } });
    const other = await server.signInAs("growth", "gus@vendor.test");
    const steal = await server.app.inject({ method: "POST", url: `/api/v1/trials/${trial.id}/assign`, headers: { cookie: other.cookie, "x-csrf-token": other.csrfToken } });
    expect(steal.statusCode).toBe(409);
  });

  it("X the provisioning SLA clock turns amber, then red, on the business calendar", async () => {
    server = await trialServer();
    server.ctx.clock.set(new Date("2026-01-09T21:30:00Z")); // Friday 21:30: one working hour → Monday 07:30
    const leadId = await signupLead(server, "ada@acme.io", "Acme");
    await qualify(server, leadId, { decision: "approve" });
    const trial = await trialOf(server, leadId);
    expect(trial.provisioning_due_at?.toISOString()).toBe("2026-01-12T07:30:00.000Z");
    const view = async () => (await server!.app.inject({ method: "GET", url: `/api/v1/trials/${trial.id}`, headers: await asRole(server!, "growth") })).json<{ sla: { state: string } }>().sla.state;
    expect(await view()).toBe("ok");
    server.ctx.clock.set(new Date("2026-01-12T07:20:00Z"));
    expect(await view()).toBe("amber");
    server.ctx.clock.set(new Date("2026-01-12T08:00:00Z"));
    expect(await view()).toBe("red");
  });
});
