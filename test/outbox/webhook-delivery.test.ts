import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { deliveryId } from "../../src/platform/outbox/delivery.js";
import { verifyWebhook } from "../../src/integrations/webhooks/standard-webhooks.js";
import { updateWebhookEndpoint } from "../../src/integrations/webhooks/update-webhook-endpoint.js";
import { admin, attemptRows, emit, endpointFor, outboxRow, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await ctx?.close();
  await receiver?.close();
  ctx = undefined;
  receiver = undefined;
});

async function setup(): Promise<{ c: TestContext; r: WebhookReceiver }> {
  receiver = await startWebhookReceiver();
  ctx = await createTestContext({ config: { outboundAllowList: ["127.0.0.1"] } });
  return { c: ctx, r: receiver };
}

describe("webhook delivery (Standard Webhooks)", () => {
  it("signs every webhook so that the receiver verifies it, with a stable id and the clock's timestamp", async () => {
    const { c, r } = await setup();
    await endpointFor(c, r);
    const keys = ["lead.created:1", "lead.created:2", "lead.created:3"];
    for (const [i, key] of keys.entries()) await emit(c, key, "lead.created", { leadId: `L${i}`, name: "Zoë" });
    expect(await workerFor(c).drain()).toMatchObject({ delivered: 3, retrying: 0, dead: 0 });

    expect(r.requests).toHaveLength(3);
    expect(r.requests.every((q) => q.verified)).toBe(true);
    const nowSeconds = String(Math.floor(c.clock.now().getTime() / 1000));
    const endpointRows = await c.db.selectFrom("outbox").select(["idempotency_key"]).orderBy("id").execute();
    // Delivered concurrently, so arrival order is not enqueue order.
    expect(r.requests.map((q) => q.id).sort()).toEqual(endpointRows.map((row) => deliveryId(row.idempotency_key)).sort());
    const bodies = r.requests.map((q) => JSON.parse(q.body) as { data: { leadId: string } });
    expect(bodies.map((b) => b.data.leadId).sort()).toEqual(["L0", "L1", "L2"]);
    for (const [i, q] of r.requests.entries()) {
      expect(q.timestamp).toBe(nowSeconds);
      expect(bodies[i]).toEqual({
        type: "lead.created",
        timestamp: c.clock.now().toISOString(),
        data: { leadId: bodies[i]?.data.leadId, name: "Zoë" },
      });
    }
    // The check is real: the same request with one byte changed does not verify.
    const first = r.requests[0];
    const headers = { "webhook-id": first?.id, "webhook-timestamp": first?.timestamp, "webhook-signature": first?.signature };
    const secret = (await c.db.selectFrom("webhook_endpoints").select("secret").executeTakeFirstOrThrow()).secret;
    expect(verifyWebhook({ secret, headers, body: first?.body ?? "" }).ok).toBe(true);
    expect(verifyWebhook({ secret, headers, body: `${first?.body ?? ""} ` }).ok).toBe(false);
  });

  it("backs off after a 500, honours Retry-After on a 429, then delivers, with one attempt row each", async () => {
    const { c, r } = await setup();
    await endpointFor(c, r);
    r.script([500, { status: 429, retryAfter: 3 }, 200]);
    const [id] = await emit(c, "lead.updated:9", "lead.updated");
    if (id === undefined) throw new Error("nothing enqueued");
    const worker = workerFor(c);
    const base = c.packs.current().outbox.backoffBaseSeconds;

    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    let row = await outboxRow(c, id);
    expect(row).toMatchObject({ status: "retrying", attempts: 1 });
    expect(row.last_error).toMatch(/HTTP 500/);
    expect(row.next_attempt_at.getTime() - c.clock.now().getTime()).toBe(base * 1000);

    c.clock.advance(base * 1000 - 1000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 }); // not yet due
    c.clock.advance(1000);
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    row = await outboxRow(c, id);
    expect(row.last_error).toMatch(/HTTP 429/);
    expect(row.next_attempt_at.getTime() - c.clock.now().getTime()).toBe(3000); // Retry-After, not 2·base

    c.clock.advance(2000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    c.clock.advance(1000);
    expect(await worker.runOnce()).toMatchObject({ delivered: 1 });

    expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 3, last_error: null });
    const attempts = await attemptRows(c, id);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.status_code])).toEqual([
      [1, "retry", 500],
      [2, "retry", 429],
      [3, "delivered", 200],
    ]);
    expect(attempts.every((a) => a.duration_ms !== null && a.finished_at !== null)).toBe(true);
    expect(new Set(r.requests.map((q) => q.id)).size).toBe(1); // same webhook-id on every retry
    expect(r.requests.map((q) => q.status)).toEqual([500, 429, 200]);
  });

  it("dead-letters at once on a 4xx that retrying cannot fix", async () => {
    const { c, r } = await setup();
    await endpointFor(c, r);
    r.script([410]);
    const [id] = await emit(c, "gone:1");
    expect(await workerFor(c).drain()).toMatchObject({ dead: 1, retrying: 0 });
    const row = await outboxRow(c, id ?? -1);
    expect(row).toMatchObject({ status: "dead", attempts: 1 });
    expect(row.last_error).toMatch(/HTTP 410/);
  });

  it("does not send to a deactivated endpoint and says why", async () => {
    const { c, r } = await setup();
    const endpointId = await endpointFor(c, r);
    const [id] = await emit(c, "late:1");
    await updateWebhookEndpoint(c, { id: endpointId, active: false, actor: admin });
    await workerFor(c).drain();
    const row = await outboxRow(c, id ?? -1);
    expect(row.status).toBe("dead");
    expect(row.last_error).toMatch(/is inactive or deleted/);
    expect(r.requests).toHaveLength(0);
  });

  it("emits an event only to active endpoints subscribed to its type", async () => {
    const { c, r } = await setup();
    const all = await endpointFor(c, r, []);
    const star = await endpointFor(c, r, ["*"]);
    const leads = await endpointFor(c, r, ["lead.*"]);
    const exact = await endpointFor(c, r, ["lead.created"]);
    await endpointFor(c, r, ["trial.started"]);
    const inactive = await endpointFor(c, r, ["*"]);
    await updateWebhookEndpoint(c, { id: inactive, active: false, actor: admin });

    const ids = await emit(c, "evt:1", "lead.created");
    const rows = await c.db.selectFrom("outbox").select(["id", "payload"]).where("id", "in", ids).execute();
    expect(rows.map((row) => row.payload.endpointId).sort()).toEqual([all, star, leads, exact].sort());
    const rolledBack = await emit(c, "evt:1", "lead.created");
    expect(rolledBack).toEqual([]); // same key again: nothing new
  });
});
