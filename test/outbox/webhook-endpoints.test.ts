import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { createWebhookEndpoint } from "../../src/integrations/webhooks/create-webhook-endpoint.js";
import { listWebhookEndpoints } from "../../src/integrations/webhooks/list-webhook-endpoints.js";
import { updateWebhookEndpoint } from "../../src/integrations/webhooks/update-webhook-endpoint.js";
import { deleteWebhookEndpoint } from "../../src/integrations/webhooks/delete-webhook-endpoint.js";
import { rotateWebhookSecret } from "../../src/integrations/webhooks/rotate-webhook-secret.js";
import { admin, countRows, emit, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await ctx?.close();
  await receiver?.close();
  ctx = undefined;
  receiver = undefined;
});

const auditActions = async (c: TestContext) =>
  (await c.db.selectFrom("audit_log").select(["action", "subject_id", "actor_label", "data"]).orderBy("id").execute());

describe("webhook endpoints", () => {
  it("shows the secret on create only, lists without it, and audits every change", async () => {
    ctx = await createTestContext();
    const c = ctx;
    const created = await createWebhookEndpoint(c, {
      name: " CRM sync ",
      url: "https://hooks.example.com/trellis",
      eventTypes: ["lead.*", "lead.*"],
      actor: admin,
      requestId: "req-9",
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.endpoint).toMatchObject({ name: "CRM sync", eventTypes: ["lead.*"], active: true });
    expect(created.warnings).toEqual([]);
    const listed = await listWebhookEndpoints(c);
    expect(listed).toEqual([created.endpoint]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const id = created.endpoint.id;
    const off = await updateWebhookEndpoint(c, { id, active: false, actor: admin });
    expect(off.endpoint.active).toBe(false);
    expect(await listWebhookEndpoints(c, { includeInactive: false })).toEqual([]);
    await updateWebhookEndpoint(c, { id, active: true, actor: admin });
    await updateWebhookEndpoint(c, { id, name: "CRM", eventTypes: ["*"], actor: admin });
    const rotated = await rotateWebhookSecret(c, { id, actor: admin });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const deleted = await deleteWebhookEndpoint(c, { id, actor: admin, reason: "CRM retired" });
    expect(deleted.active).toBe(false);
    expect(await listWebhookEndpoints(c)).toHaveLength(1); // soft delete: still listed, inactive

    const audits = await auditActions(c);
    expect(audits.map((a) => a.action)).toEqual([
      "webhook_endpoint.created",
      "webhook_endpoint.deactivated",
      "webhook_endpoint.activated",
      "webhook_endpoint.updated",
      "webhook_endpoint.secret_rotated",
      "webhook_endpoint.deleted",
    ]);
    expect(audits.every((a) => a.subject_id === id && a.actor_label === "Ada Admin")).toBe(true);
    expect(audits[3]?.data).toEqual({ changes: { name: { from: "CRM sync", to: "CRM" }, eventTypes: { from: ["lead.*"], to: ["*"] } } });
    for (const secret of [created.secret, rotated.secret]) expect(JSON.stringify(audits)).not.toContain(secret);
  });

  it("refuses a malformed or non-http URL with a validation error and writes nothing", async () => {
    ctx = await createTestContext();
    const c = ctx;
    for (const url of ["not a url", "ftp://example.com/x", "https://user:pass@example.com/"]) {
      await expect(createWebhookEndpoint(c, { name: "x", url, actor: admin })).rejects.toMatchObject({
        code: "validation_failed",
        status: 400,
      });
    }
    await expect(createWebhookEndpoint(c, { name: "x", url: "https://ok.example/", eventTypes: ["Bad Type"], actor: admin })).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect(await countRows(c, "webhook_endpoints")).toBe(0);
    expect(await countRows(c, "audit_log")).toBe(0);
    await expect(updateWebhookEndpoint(c, { id: "nope", active: false, actor: admin })).rejects.toMatchObject({ code: "not_found" });
    await expect(rotateWebhookSecret(c, { id: "00000000-0000-4000-8000-00000000dead", actor: admin })).rejects.toMatchObject({ code: "not_found" });
  });

  it("accepts a private URL with a warning (the delivery-time guard decides)", async () => {
    ctx = await createTestContext();
    const created = await createWebhookEndpoint(ctx, { name: "lan", url: "http://192.168.1.20:8080/hook", actor: admin });
    expect(created.warnings).toEqual([
      "192.168.1.20 is a private address: deliveries will be refused unless TRELLIS_OUTBOUND_ALLOW permits it.",
    ]);
  });

  it("signs with the new secret right after a rotation", async () => {
    receiver = await startWebhookReceiver();
    ctx = await createTestContext({ config: { outboundAllowList: ["127.0.0.1"] } });
    const c = ctx;
    const created = await createWebhookEndpoint(c, { name: "r", url: receiver.url, actor: admin });
    receiver.setSecret(created.secret);
    await emit(c, "before-rotation");
    await workerFor(c).drain();
    await rotateWebhookSecret(c, { id: created.endpoint.id, actor: admin });
    await emit(c, "after-rotation");
    await workerFor(c).drain();
    expect(receiver.requests.map((q) => q.verified)).toEqual([true, false]); // receiver still has the old one
  });
});
