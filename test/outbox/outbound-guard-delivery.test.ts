import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { OutboxWorker } from "../../src/platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";
import { createWebhookHandler } from "../../src/integrations/webhooks/webhook-sender.js";
import { updateWebhookEndpoint } from "../../src/integrations/webhooks/update-webhook-endpoint.js";
import { admin, emit, endpointFor, outboxRow, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  await ctx?.close();
  await receiver?.close();
  ctx = undefined;
  receiver = undefined;
});

async function setup(allow: string[]): Promise<{ c: TestContext; r: WebhookReceiver }> {
  receiver = await startWebhookReceiver();
  ctx = await createTestContext({ config: { outboundAllowList: allow } });
  return { c: ctx, r: receiver };
}

/** A worker whose DNS answers 127.0.0.1 for every name (as a rebinding attacker's DNS would). */
function workerWithDns(c: TestContext): OutboxWorker {
  const handlers = { ...createChannelHandlers(c), webhook: createWebhookHandler(c, async () => [{ address: "127.0.0.1", family: 4 }]) };
  return new OutboxWorker(c, { handlers, workerId: "dns-worker", random: () => 0.5, listenUrl: false });
}

describe("outbound guard on webhook delivery", () => {
  it("refuses a loopback webhook URL without an allow-list entry, without connecting", async () => {
    const { c, r } = await setup([]);
    await endpointFor(c, r);
    const [id = -1] = await emit(c, "ssrf:1");
    expect(await workerFor(c).drain()).toMatchObject({ dead: 1 });
    const row = await outboxRow(c, id);
    expect(row.last_error).toContain("refused: 127.0.0.1 is a loopback address; add it to TRELLIS_OUTBOUND_ALLOW to permit it.");
    expect(r.requests).toHaveLength(0);
  });

  it.each([["127.0.0.1"], ["127.0.0.0/8"]])("delivers to the loopback URL when the allow-list has %s", async (entry) => {
    const { c, r } = await setup([entry]);
    await endpointFor(c, r);
    await emit(c, "allowed:1");
    expect(await workerFor(c).drain()).toMatchObject({ delivered: 1 });
    expect(r.requests.filter((q) => q.verified)).toHaveLength(1);
  });

  it("refuses a hostname that resolves to a private address, and connects to the checked address when allowed", async () => {
    const { c, r } = await setup(["hooks.example.test"]);
    const endpointId = await endpointFor(c, r);
    const port = new URL(r.url).port;
    await updateWebhookEndpoint(c, { id: endpointId, url: `http://hooks.example.test:${port}/hooks`, actor: admin });
    await emit(c, "by-name:1");
    // hooks.example.test exists only in the fake DNS: reaching the receiver proves the pinned address was used.
    expect(await workerWithDns(c).drain()).toMatchObject({ delivered: 1 });
    expect(r.requests).toHaveLength(1);

    c.config.outboundAllowList = [];
    const [id = -1] = await emit(c, "by-name:2");
    expect(await workerWithDns(c).drain()).toMatchObject({ dead: 1 });
    expect((await outboxRow(c, id)).last_error).toContain("hooks.example.test resolves to 127.0.0.1, which is a loopback address");
    expect(r.requests).toHaveLength(1);
  });
});
