import { afterEach, describe, expect, it } from "vitest";
import type { KyselyPlugin } from "kysely";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";
import { updateWebhookEndpoint } from "../../src/integrations/webhooks/update-webhook-endpoint.js";
import { rotateWebhookSecret } from "../../src/integrations/webhooks/rotate-webhook-secret.js";
import type { AppContext } from "../../src/platform/app/context.js";
import { admin, emit, endpointFor, outboxRow, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
const receivers: WebhookReceiver[] = [];

afterEach(async () => {
  await ctx?.close();
  for (const r of receivers.splice(0)) await r.close();
  ctx = undefined;
});

async function receiver(): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver();
  receivers.push(r);
  return r;
}

/** Counts the statements that read webhook_endpoints. */
function countingEndpointReads(): { plugin: KyselyPlugin; reads: () => number } {
  let reads = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const node = args.node;
      if (node.kind === "SelectQueryNode" && JSON.stringify(node.from ?? {}).includes('"webhook_endpoints"')) reads += 1;
      return node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  return { plugin, reads: () => reads };
}

describe("webhook endpoint reads (one per claim, never older than the claim)", () => {
  it("shares one endpoint read among the deliveries of a claim", async () => {
    const r = await receiver();
    ctx = await createTestContext({ config: { outboundAllowList: ["127.0.0.1"] } });
    const c = ctx;
    await endpointFor(c, r);
    for (let i = 0; i < 20; i++) await emit(c, `shared:${i}`);
    const counting = countingEndpointReads();
    const handlerCtx: AppContext = { ...c, db: c.db.withPlugin(counting.plugin) };
    const worker = workerFor(c, { handlers: createChannelHandlers(handlerCtx) });
    expect(await worker.drain()).toMatchObject({ delivered: 20 });
    expect(r.requests.every((q) => q.verified)).toBe(true);
    expect(counting.reads()).toBeGreaterThan(0);
    expect(counting.reads()).toBeLessThanOrEqual(5);
  });

  it("applies a new secret, a new URL and a deactivation to the very next delivery of the same worker", async () => {
    const first = await receiver();
    const second = await receiver();
    ctx = await createTestContext({ config: { outboundAllowList: ["127.0.0.1"] } });
    const c = ctx;
    const endpointId = await endpointFor(c, first);
    const worker = workerFor(c);
    await emit(c, "before:1");
    expect(await worker.drain()).toMatchObject({ delivered: 1 });

    await emit(c, "after-rotation:1");
    const rotated = await rotateWebhookSecret(c, { id: endpointId, actor: admin });
    first.setSecret(rotated.secret);
    expect(await worker.drain()).toMatchObject({ delivered: 1 });
    expect(first.requests.map((q) => q.verified)).toEqual([true, true]);

    await updateWebhookEndpoint(c, { id: endpointId, url: second.url, actor: admin });
    second.setSecret(rotated.secret);
    await emit(c, "after-move:1");
    expect(await worker.drain()).toMatchObject({ delivered: 1 });
    expect(first.requests).toHaveLength(2);
    expect(second.requests.map((q) => q.verified)).toEqual([true]);

    // Enqueued while active (an inactive endpoint gets no new rows), claimed after the change.
    const [id] = await emit(c, "after-deactivation:1");
    await updateWebhookEndpoint(c, { id: endpointId, active: false, actor: admin });
    expect(await worker.drain()).toMatchObject({ dead: 1 });
    expect((await outboxRow(c, id ?? -1)).last_error).toMatch(/is inactive or deleted/);
    expect(first.requests.length + second.requests.length).toBe(3);
  });
});
