import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, testEngine, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import type { OutboxWorker } from "../../src/platform/outbox/outbox-worker.js";
import { emit, endpointFor, outboxRow, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
let receiver: WebhookReceiver | undefined;
let worker: OutboxWorker | undefined;

afterEach(async () => {
  receiver?.releaseHeld();
  await worker?.stop(2000);
  await ctx?.close();
  await receiver?.close();
  ctx = undefined;
  receiver = undefined;
  worker = undefined;
});

async function setup(): Promise<{ c: TestContext; r: WebhookReceiver }> {
  receiver = await startWebhookReceiver();
  ctx = await createTestContext({ config: { outboundAllowList: ["127.0.0.1"] } });
  await endpointFor(ctx, receiver);
  return { c: ctx, r: receiver };
}

const HOUR = 3_600_000;

describe("outbox worker lifecycle", () => {
  it("wakes on notifyOutbox without waiting for its next poll", async () => {
    const { c, r } = await setup();
    worker = workerFor(c, { pollMs: HOUR });
    await worker.start();
    await new Promise((resolve) => setTimeout(resolve, 100)); // let its first (empty) poll pass
    await emit(c, "prompt:1");
    c.notifyOutbox();
    await r.waitFor((q) => q.length === 1, 5000);
  });

  it("stop() waits for a delivery in flight and records its outcome", async () => {
    const { c, r } = await setup();
    r.script([{ hold: true }]);
    const [id = -1] = await emit(c, "in-flight:1");
    worker = workerFor(c, { pollMs: 20 });
    await worker.start();
    await r.waitFor((q) => q.some((x) => x.status === "held"));
    let stopped = false;
    const stopping = worker.stop(5000).then((result) => {
      stopped = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(stopped).toBe(false);
    expect((await outboxRow(c, id)).status).toBe("sending");
    r.releaseHeld(200);
    expect(await stopping).toEqual({ unfinished: [] });
    expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", lease_owner: null });
    worker = undefined;
  });

  it("stop() gives up after its timeout and leaves the lease for another worker to take back", async () => {
    const { c, r } = await setup();
    r.script([{ hold: true }]);
    const [id = -1] = await emit(c, "stuck:1");
    worker = workerFor(c, { pollMs: 20, workerId: "stopping-worker" });
    await worker.start();
    await r.waitFor((q) => q.some((x) => x.status === "held"));
    expect(await worker.stop(100)).toEqual({ unfinished: [id] });
    expect(await outboxRow(c, id)).toMatchObject({ status: "sending", lease_owner: "stopping-worker" });
    worker = undefined;
  });

  it.skipIf(testEngine() === "pglite")(
    "wakes on a PostgreSQL NOTIFY from another connection's commit (LISTEN; PGlite is single-process)",
    async () => {
      const { c, r } = await setup();
      worker = workerFor(c, { pollMs: HOUR, listenUrl: c.database.url ?? "" });
      await worker.start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await emit(c, "notified:1"); // no ctx.notifyOutbox(): only the database can wake it
      await r.waitFor((q) => q.length === 1, 5000);
    },
  );
});
