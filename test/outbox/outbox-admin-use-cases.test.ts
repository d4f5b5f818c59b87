import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { listOutbox } from "../../src/platform/outbox/list-outbox.js";
import { getOutboxItem } from "../../src/platform/outbox/get-outbox-item.js";
import { emit, endpointFor, enqueueEmail, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await ctx?.close();
  await receiver?.close();
  ctx = undefined;
  receiver = undefined;
});

describe("outbox admin use cases", () => {
  it("lists newest first with keyset pagination, filters, and counts per status", async () => {
    ctx = await createTestContext();
    const c = ctx;
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await enqueueEmail(c, `list:${i}`, { to: [`p${i}@example.com`] }));
    await c.db.updateTable("outbox").set({ status: "dead", last_error: "boom" }).where("id", "in", [ids[1] ?? 0, ids[4] ?? 0]).execute();

    const page1 = await listOutbox(c, { limit: 3 });
    expect(page1.items.map((i) => i.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(page1.items[0]).toMatchObject({ channel: "email", status: "pending", summary: "email to p6@example.com: Subject list:6" });
    expect(page1.counts).toEqual({ pending: 5, sending: 0, retrying: 0, delivered: 0, dead: 2, cancelled: 0 });
    const page2 = await listOutbox(c, { limit: 3, cursor: page1.nextCursor ?? "" });
    expect(page2.items.map((i) => i.id)).toEqual([ids[3], ids[2], ids[1]]);
    const page3 = await listOutbox(c, { limit: 3, cursor: page2.nextCursor ?? "" });
    expect(page3.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(page3.nextCursor).toBeNull();

    const dead = await listOutbox(c, { status: "dead" });
    expect(dead.items.map((i) => [i.id, i.lastError])).toEqual([
      [ids[4], "boom"],
      [ids[1], "boom"],
    ]);
    expect((await listOutbox(c, { channel: "webhook" })).items).toEqual([]);
    await expect(listOutbox(c, { cursor: "abc" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(listOutbox(c, { limit: 0 })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("shows one item with its payload and attempts, and never the endpoint's secret", async () => {
    receiver = await startWebhookReceiver();
    ctx = await createTestContext({ config: { outboundAllowList: ["127.0.0.1"] } });
    const c = ctx;
    await endpointFor(c, receiver);
    receiver.script([500]);
    const [id = -1] = await emit(c, "detail:1", "lead.created", { leadId: "L9" });
    await workerFor(c).runOnce();
    c.clock.advance(60_000);
    await workerFor(c).runOnce();

    const detail = await getOutboxItem(c, { id });
    expect(detail).toMatchObject({ id, status: "delivered", attempts: 2, payload: { type: "lead.created", data: { leadId: "L9" } } });
    expect(detail.attemptHistory.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([
      [1, "retry", 500],
      [2, "delivered", 200],
    ]);
    expect(detail.endpoint).toMatchObject({ name: "Receiver", active: true });
    const secret = (await c.db.selectFrom("webhook_endpoints").select("secret").executeTakeFirstOrThrow()).secret;
    expect(JSON.stringify(detail)).not.toContain(secret.slice(6));
    await expect(getOutboxItem(c, { id: 424242 })).rejects.toMatchObject({ code: "not_found" });
  });
});
