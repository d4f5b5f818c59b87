import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, testEngine, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { OutboxWorker } from "../../src/platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";
import { claimDue, type ClaimedItem } from "../../src/platform/outbox/claim.js";
import { decide, recordOutcomes, type AttemptRecord } from "../../src/platform/outbox/record-outcome.js";
import { delivered, retryable, type ChannelHandlers, type DeliveryResult } from "../../src/platform/outbox/delivery.js";
import { attemptRows, emit, endpointFor, enqueueEmail, outboxRow, within, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
let receiver: WebhookReceiver | undefined;
const workers: OutboxWorker[] = [];

afterEach(async () => {
  receiver?.releaseHeld();
  for (const w of workers.splice(0)) await w.stop(2000);
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

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Email handlers that do not send: each call is given to `call`. */
function emailHandlers(c: TestContext, call: (id: number) => Promise<DeliveryResult>): ChannelHandlers {
  return { ...createChannelHandlers(c), email: (_payload, item) => call(item.id) };
}

function attempt(workerId: string, item: ClaimedItem, result: DeliveryResult, c: TestContext): AttemptRecord {
  const finishedAt = c.clock.now();
  const decision = decide(item, result, c.packs.current().outbox, finishedAt, () => 0.5);
  return { workerId, item, result, decision, finishedAt, durationMs: 12 };
}

describe("batched claims and outcome recording", () => {
  it("writes a batch of outcomes together; one whose lease was taken over is kept as history only", async () => {
    const { c } = await setup();
    for (const key of ["batch:a", "batch:b", "batch:c"]) await enqueueEmail(c, key);
    // w1 claims the three rows, one of them with a short lease.
    const [a, b, cItem] = [
      ...(await claimDue(c.db, { workerId: "w1", now: c.clock.now(), leaseSeconds: 60, limit: 1 })),
      ...(await claimDue(c.db, { workerId: "w1", now: c.clock.now(), leaseSeconds: 10, limit: 1 })),
      ...(await claimDue(c.db, { workerId: "w1", now: c.clock.now(), leaseSeconds: 60, limit: 1 })),
    ];
    if (!a || !b || !cItem) throw new Error("expected three claims");
    c.clock.advance(11_000);
    // w2 takes back the row whose lease expired (and only that one: the others are still w1's).
    const taken = await claimDue(c.db, { workerId: "w2", now: c.clock.now(), leaseSeconds: 60, limit: 5 });
    expect(taken.map((t) => t.id)).toEqual([b.id]);

    const results = await recordOutcomes(c.db, [
      attempt("w1", a, delivered(200), c),
      attempt("w1", b, delivered(200), c),
      attempt("w1", cItem, retryable("receiver busy", { statusCode: 503 }), c),
    ]);
    expect(results).toEqual([
      { status: "fulfilled", value: "delivered" },
      { status: "fulfilled", value: "lease_lost" },
      { status: "fulfilled", value: "retry" },
    ]);

    expect(await outboxRow(c, a.id)).toMatchObject({ status: "delivered", attempts: 1, lease_owner: null, last_error: null });
    expect(await outboxRow(c, b.id)).toMatchObject({ status: "sending", attempts: 2, lease_owner: "w2" });
    const retrying = await outboxRow(c, cItem.id);
    expect(retrying).toMatchObject({ status: "retrying", attempts: 1, lease_owner: null, last_error: "receiver busy" });
    const base = c.packs.current().outbox.backoffBaseSeconds;
    expect(retrying.next_attempt_at.getTime()).toBe(c.clock.now().getTime() + base * 1000);

    expect((await attemptRows(c, a.id)).map((r) => [r.attempt, r.worker, r.outcome, r.status_code, r.duration_ms])).toEqual([
      [1, "w1", "delivered", 200, 12],
    ]);
    const lost = await attemptRows(c, b.id);
    expect(lost.map((r) => [r.attempt, r.worker, r.outcome, r.status_code])).toEqual([[1, "w1", "lease_lost", 200]]);
    expect(lost[0]?.error).toMatch(/lease lost.*the call succeeded/);
    expect((await attemptRows(c, cItem.id)).map((r) => [r.attempt, r.worker, r.outcome, r.status_code, r.error])).toEqual([
      [1, "w1", "retry", 503, "receiver busy"],
    ]);
  });

  it("one outcome that cannot be written does not lose the others written with it", async () => {
    const { c } = await setup();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await enqueueEmail(c, `bad-outcome:${i}`));
    const bad = ids[2];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    // All five finish together, so their outcomes are written as one batch; one of them carries
    // text PostgreSQL cannot store (a NUL character).
    const handlers = emailHandlers(c, async (id) => {
      if (++started === 5) release();
      await gate;
      return id === bad ? retryable("broken\u0000error") : delivered(250);
    });
    const worker = new OutboxWorker(c, { handlers, workerId: "w", concurrency: 5, listenUrl: false, random: () => 0.5 });
    expect(await worker.runOnce()).toMatchObject({ claimed: 5, delivered: 4, errors: 1 });
    for (const id of ids) {
      if (id === bad) expect(await outboxRow(c, id)).toMatchObject({ status: "sending", lease_owner: "w" }); // its lease will expire
      else expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", lease_owner: null });
    }
  });

  it("keeps outcomes buffered while other calls run, and stop() writes them", async () => {
    const { c, r } = await setup();
    r.script([{ hold: true }]);
    const ids = [...(await emit(c, "buffered:1")), ...(await emit(c, "buffered:2"))];
    const worker = workerFor(c, { concurrency: 2, recordDelayMs: 3_600_000 });
    workers.push(worker);
    await worker.start();
    await r.waitFor((q) => q.some((x) => x.status === "held") && q.some((x) => x.status === 200));
    await pause(100);
    // One call answered, the other still held: its outcome waits for company (an hour here).
    const rows = await Promise.all(ids.map((id) => outboxRow(c, id)));
    expect(rows.map((row) => row.status)).toEqual(["sending", "sending"]);

    const stopping = worker.stop(5000);
    await pause(50);
    r.releaseHeld(200);
    expect(await stopping).toEqual({ unfinished: [] });
    for (const id of ids) {
      expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 1, lease_owner: null });
      expect((await attemptRows(c, id)).map((a) => [a.attempt, a.outcome])).toEqual([[1, "delivered"]]);
    }
  });

  it("an outcome not yet written when its lease expires is delivered again by another worker (the receiver dedupes)", async () => {
    const { c, r } = await setup();
    r.script([{ hold: true }]);
    const ids = [...(await emit(c, "unwritten:1")), ...(await emit(c, "unwritten:2"))];
    // It does not poll again during the test (it would take its own expired rows back itself).
    const stalled = workerFor(c, { workerId: "stalled", concurrency: 2, leaseSeconds: 30, recordDelayMs: 3_600_000, pollMs: 3_600_000 });
    workers.push(stalled);
    await stalled.start();
    await r.waitFor((q) => q.some((x) => x.status === "held") && q.some((x) => x.status === 200));
    await pause(200); // let it see the answer (and find nothing more to claim) before time moves
    // As if the process had died here: the receiver has one webhook, no outcome is written.
    c.clock.advance(31_000);
    const rescuer = workerFor(c, { workerId: "rescuer" });
    expect(await rescuer.runOnce()).toMatchObject({ claimed: 2, delivered: 2 });
    expect(r.requests.filter((q) => q.duplicate)).toHaveLength(2);
    expect(r.processedIds()).toHaveLength(2);

    r.releaseHeld(200);
    await stalled.stop(5000); // its late outcomes can only be history now
    for (const id of ids) {
      expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 2, lease_owner: null });
      expect((await attemptRows(c, id)).map((a) => [a.attempt, a.worker, a.outcome])).toEqual([
        [1, "stalled", "lease_lost"],
        [2, "rescuer", "delivered"],
      ]);
    }
  });

  it("gives back, unstarted and uncharged, claimed rows that waited too long to start within their lease", async () => {
    const { c } = await setup();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(await enqueueEmail(c, `late:${i}`));
    const called: number[] = [];
    const handlers = emailHandlers(c, async (id) => {
      called.push(id);
      // A slow call: by the time it ends, a call started now could outlive the lease (60 s lease,
      // 15 s request timeout: a row must start within 45 s of its claim).
      if (called.length === 1) c.clock.advance(46_000);
      return delivered(250);
    });
    const worker = new OutboxWorker(c, { handlers, workerId: "w", concurrency: 1, leaseSeconds: 60, listenUrl: false });
    expect(await worker.runOnce(3)).toMatchObject({ claimed: 1, delivered: 1 });
    expect(called).toHaveLength(1);
    const rest = ids.filter((id) => id !== called[0]);
    for (const id of rest) {
      expect(await outboxRow(c, id)).toMatchObject({ status: "pending", attempts: 0, lease_owner: null, lease_expires_at: null });
      expect(await attemptRows(c, id)).toEqual([]);
    }
    expect(await worker.drain()).toMatchObject({ claimed: 2, delivered: 2 });
    for (const id of rest) expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("claims in batches but keeps at most `concurrency` calls in flight and at most claimBatch rows held", async () => {
    const { c } = await setup();
    const ids: number[] = [];
    for (let i = 0; i < 40; i++) ids.push(await enqueueEmail(c, `held:${i}`));
    let inFlight = 0;
    let maxInFlight = 0;
    let maxHeld = 0;
    const handlers = emailHandlers(c, async () => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Claimed by this worker and not yet started (still pending would be 'pending').
      const held = await c.db
        .selectFrom("outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "sending")
        .where("lease_owner", "=", "w")
        .where("attempts", "=", 1)
        .where("id", "not in", c.db.selectFrom("outbox_attempts").select("outbox_id"))
        .executeTakeFirstOrThrow();
      maxHeld = Math.max(maxHeld, Number(held.n));
      await pause(2);
      inFlight -= 1;
      return delivered(250);
    });
    const worker = new OutboxWorker(c, { handlers, workerId: "w", concurrency: 2, claimBatch: 10, recordDelayMs: 0, listenUrl: false });
    expect(await worker.drain()).toMatchObject({ claimed: 40, delivered: 40, errors: 0 });
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(maxHeld).toBeGreaterThan(2); // it claimed ahead of its free slots…
    // …but never more than a batch (counted here with the few finished calls whose outcome is
    // still being written).
    expect(maxHeld).toBeLessThanOrEqual(10 + 4);
  });

  it("two workers claiming in batches never run one row at the same time, and deliver each once", async () => {
    const { c } = await setup();
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await enqueueEmail(c, `two-batches:${i}`));
    const running = new Set<number>();
    const overlaps: number[] = [];
    const calls = new Map<string, number[]>();
    const handlersFor = (name: string): ChannelHandlers =>
      emailHandlers(c, async (id) => {
        if (running.has(id)) overlaps.push(id);
        running.add(id);
        calls.set(name, [...(calls.get(name) ?? []), id]);
        await pause(1 + (id % 3));
        running.delete(id);
        return delivered(250);
      });
    const options = { concurrency: 3, claimBatch: 8, pollMs: 10, listenUrl: false as const };
    const a = new OutboxWorker(c, { handlers: handlersFor("a"), workerId: "worker-a", ...options });
    const b = new OutboxWorker(c, { handlers: handlersFor("b"), workerId: "worker-b", ...options });
    workers.push(a);
    await a.start(); // one in its background loop, the other draining
    await within(b.drain(), 30_000, "drain");
    await within(
      (async () => {
        for (;;) {
          const left = await c.db.selectFrom("outbox").select("id").where("status", "!=", "delivered").execute();
          if (left.length === 0) return;
          await pause(20);
        }
      })(),
      30_000,
      "all delivered",
    );
    await a.stop(5000);
    const all = [...(calls.get("a") ?? []), ...(calls.get("b") ?? [])];
    expect(overlaps).toEqual([]);
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
    const rows = await c.db.selectFrom("outbox").select(["status", "attempts"]).execute();
    expect(rows.every((row) => row.status === "delivered" && row.attempts === 1)).toBe(true);
    const attempts = await c.db.selectFrom("outbox_attempts").select(["outbox_id", "outcome"]).execute();
    expect(attempts).toHaveLength(60);
    if (testEngine() === "postgres") {
      expect((calls.get("a") ?? []).length).toBeGreaterThan(0);
      expect((calls.get("b") ?? []).length).toBeGreaterThan(0);
    }
  });
});
