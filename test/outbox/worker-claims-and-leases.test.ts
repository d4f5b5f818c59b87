import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { OutboxWorker } from "../../src/platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";
import { claimDue } from "../../src/platform/outbox/claim.js";
import { delivered, retryable, type ChannelHandlers, type DeliveryResult } from "../../src/platform/outbox/delivery.js";
import { attemptRows, emit, endpointFor, outboxRow, within, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
let receiver: WebhookReceiver | undefined;

afterEach(async () => {
  receiver?.releaseHeld();
  await ctx?.close();
  await receiver?.close();
  ctx = undefined;
  receiver = undefined;
});

async function setup(): Promise<{ c: TestContext; r: WebhookReceiver }> {
  receiver = await startWebhookReceiver();
  ctx = await createTestContext({ config: { outboundAllowList: ["127.0.0.1"] } });
  await endpointFor(ctx, receiver);
  return { c: ctx, r: receiver };
}

describe("outbox worker claims and leases", () => {
  it("calls the handler only after the claim is committed: another query sees 'sending' during the call", async () => {
    const { c } = await setup();
    const [id = -1] = await emit(c, "tx-check:1");
    const seen: unknown[] = [];
    const handlers: ChannelHandlers = {
      ...createChannelHandlers(c),
      webhook: async (_payload, item) => {
        // PGlite has one connection: if the claim transaction were still open this query would
        // wait for it forever; on PostgreSQL it runs on another pooled connection and would see
        // the pre-claim row. Either way only a committed claim reads back as 'sending'.
        const row = await within(
          c.db.selectFrom("outbox").select(["status", "lease_owner", "attempts"]).where("id", "=", item.id).executeTakeFirstOrThrow(),
          5000,
          "a query from inside the handler",
        );
        const attempts = await attemptRows(c, item.id);
        seen.push({ ...row, attemptRows: attempts.length, attempt: item.attempt });
        return delivered(200);
      },
    };
    const worker = new OutboxWorker(c, { handlers, workerId: "tx-worker", listenUrl: false });
    expect(await within(worker.runOnce(), 10_000, "runOnce")).toMatchObject({ delivered: 1 });
    expect(seen).toEqual([{ status: "sending", lease_owner: "tx-worker", attempts: 1, attemptRows: 0, attempt: 1 }]);
    expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", lease_owner: null });
  });

  it("never hands one row to two workers running at the same time", async () => {
    const { c, r } = await setup();
    for (let i = 0; i < 24; i++) await emit(c, `race:${i}`, "lead.created", { i });
    // The first four calls hang until both workers are busy: each holds at most two rows, so the
    // second pair can only come from the other worker. (Without this, a fast worker-a could drain
    // all 24 before worker-b's first claim, and "both get a share" would depend on timing.)
    r.script([{ hold: true }, { hold: true }, { hold: true }, { hold: true }]);
    const a = workerFor(c, { workerId: "worker-a", concurrency: 2, claimBatch: 2 });
    const b = workerFor(c, { workerId: "worker-b", concurrency: 2, claimBatch: 2 });
    const draining = Promise.all([a.drain(), b.drain()]);
    await within(
      (async () => {
        while (r.requests.filter((q) => q.status === "held").length < 4) await new Promise((done) => setTimeout(done, 10));
      })(),
      20_000,
      "both workers holding calls",
    );
    r.releaseHeld();
    const [ca, cb] = await draining;
    expect((ca?.delivered ?? 0) + (cb?.delivered ?? 0)).toBe(24);
    expect(r.requests).toHaveLength(24);
    expect(new Set(r.requests.map((q) => q.id)).size).toBe(24);
    const rows = await c.db.selectFrom("outbox").select(["status", "attempts"]).execute();
    expect(rows.every((row) => row.status === "delivered" && row.attempts === 1)).toBe(true);
    // Both workers got a share (SKIP LOCKED, not a queue behind one).
    const workers = await c.db.selectFrom("outbox_attempts").select("worker").distinct().execute();
    expect(workers.map((w) => w.worker).sort()).toEqual(["worker-a", "worker-b"]);
  });

  it("takes back a row whose lease expired (crashed worker), recording the lost attempt", async () => {
    const { c, r } = await setup();
    const [id = -1] = await emit(c, "orphan:1");
    // A worker that claimed and then died: nothing but its claim remains.
    const claimed = await claimDue(c.db, { workerId: "ghost", now: c.clock.now(), leaseSeconds: 60, limit: 10 });
    expect(claimed.map((x) => x.id)).toEqual([id]);
    const worker = workerFor(c);
    c.clock.advance(59_000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 }); // the lease is still live
    c.clock.advance(2_000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 2 });
    const attempts = await attemptRows(c, id);
    expect(attempts.map((a) => [a.attempt, a.worker, a.outcome])).toEqual([
      [1, "ghost", "lease_lost"],
      [2, "test-worker", "delivered"],
    ]);
    expect(r.requests).toHaveLength(1);
  });

  it("keeps a late result from a worker whose lease was taken as history only (lease_lost)", async () => {
    const { c, r } = await setup();
    r.script([{ hold: true }]);
    const [id = -1] = await emit(c, "slow:1");
    const slow = workerFor(c, { workerId: "slow-worker", leaseSeconds: 30 });
    const slowRun = slow.runOnce();
    await r.waitFor((q) => q.some((x) => x.status === "held"));
    c.clock.advance(31_000);
    const fast = workerFor(c, { workerId: "fast-worker" });
    expect(await fast.runOnce()).toMatchObject({ delivered: 1 });
    r.releaseHeld(200);
    expect(await slowRun).toMatchObject({ leaseLost: 1, delivered: 0 });

    expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 2 });
    const attempts = await attemptRows(c, id);
    expect(attempts.map((a) => [a.attempt, a.worker, a.outcome, a.status_code])).toEqual([
      [1, "slow-worker", "lease_lost", 200],
      [2, "fast-worker", "delivered", 200],
    ]);
    expect(attempts[0]?.error).toMatch(/lease lost.*the call succeeded/);
    expect(r.requests.map((q) => q.duplicate)).toEqual([false, true]); // the receiver deduped the second
  });

  it("does not let a late result overwrite a row that another worker is now sending", async () => {
    const { c } = await setup();
    const [id = -1] = await emit(c, "overlap:1");
    const gate = (): { open: (r: DeliveryResult) => void; called: Promise<void>; handlers: ChannelHandlers } => {
      let open!: (r: DeliveryResult) => void;
      let markCalled!: () => void;
      const result = new Promise<DeliveryResult>((resolve) => (open = resolve));
      const called = new Promise<void>((resolve) => (markCalled = resolve));
      const webhook = (): Promise<DeliveryResult> => {
        markCalled();
        return result;
      };
      const handlers = { ...createChannelHandlers(c), webhook };
      return { open, called, handlers };
    };
    const slowGate = gate();
    const fastGate = gate();
    const slow = new OutboxWorker(c, { handlers: slowGate.handlers, workerId: "slow", leaseSeconds: 30, listenUrl: false });
    const fast = new OutboxWorker(c, { handlers: fastGate.handlers, workerId: "fast", leaseSeconds: 30, listenUrl: false });
    const slowRun = slow.runOnce();
    await slowGate.called;
    c.clock.advance(31_000);
    const fastRun = fast.runOnce();
    await fastGate.called;

    slowGate.open(retryable("slow worker's late failure"));
    expect(await slowRun).toMatchObject({ leaseLost: 1, retrying: 0 });
    expect(await outboxRow(c, id)).toMatchObject({ status: "sending", lease_owner: "fast", attempts: 2, last_error: null });

    fastGate.open(delivered(200));
    expect(await fastRun).toMatchObject({ delivered: 1 });
    const attempts = await attemptRows(c, id);
    expect(attempts.map((a) => [a.attempt, a.worker, a.outcome])).toEqual([
      [1, "slow", "lease_lost"],
      [2, "fast", "delivered"],
    ]);
    expect(attempts[0]?.error).toContain("the call failed: slow worker's late failure");
  });
});
