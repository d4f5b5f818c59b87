import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { replayOutboxItem } from "../../src/platform/outbox/replay-outbox-item.js";
import { admin, attemptRows, countRows, emit, endpointFor, outboxRow, workerFor } from "./outbox-fixtures.js";

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
  await endpointFor(ctx, receiver);
  return { c: ctx, r: receiver };
}

describe("dead letters and replay", () => {
  it("dead-letters after the pack's maximum attempts with exponential backoff, then a replay delivers", async () => {
    const { c, r } = await setup();
    const { maxAttempts, backoffBaseSeconds, backoffMaxSeconds } = c.packs.current().outbox;
    r.script(new Array<number>(maxAttempts).fill(503));
    const [id = -1] = await emit(c, "doomed:1");
    const worker = workerFor(c);

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const counts = await worker.runOnce();
      const row = await outboxRow(c, id);
      if (attempt < maxAttempts) {
        expect(counts).toMatchObject({ retrying: 1 });
        const expected = Math.min(backoffBaseSeconds * 2 ** (attempt - 1), backoffMaxSeconds);
        expect(row.next_attempt_at.getTime() - c.clock.now().getTime(), `delay after attempt ${attempt}`).toBe(expected * 1000);
        c.clock.set(row.next_attempt_at);
      } else {
        expect(counts).toMatchObject({ dead: 1 });
        expect(row).toMatchObject({ status: "dead", attempts: maxAttempts });
        expect(row.last_error).toMatch(new RegExp(`HTTP 503.*gave up after ${maxAttempts} attempts`));
      }
    }
    c.clock.advance(backoffMaxSeconds * 1000 * 10);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 }); // dead stays dead
    expect(await attemptRows(c, id)).toHaveLength(maxAttempts);

    const replayed = await replayOutboxItem(c, { id, actor: admin, reason: "receiver fixed" });
    expect(replayed).toMatchObject({ status: "pending", attempts: 0 });
    const audit = await c.db.selectFrom("audit_log").selectAll().where("action", "=", "outbox.replayed").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: admin.type === "user" ? admin.id : "", subject_id: String(id), reason: "receiver fixed" });
    expect(audit[0]?.data).toMatchObject({ previousStatus: "dead", previousAttempts: maxAttempts });

    expect(await worker.runOnce()).toMatchObject({ delivered: 1 });
    expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 1 });
    expect(r.requests).toHaveLength(maxAttempts + 1);
    expect(new Set(r.requests.map((q) => q.id)).size).toBe(1);
    expect(r.processedIds()).toHaveLength(1);
  });

  it("refuses to replay an item that is not dead or cancelled, and changes nothing", async () => {
    const { c } = await setup();
    const [id = -1] = await emit(c, "fine:1");
    const before = await outboxRow(c, id);
    await expect(replayOutboxItem(c, { id, actor: admin })).rejects.toMatchObject({ code: "invalid_state", status: 409 });
    expect(await outboxRow(c, id)).toEqual(before);
    await workerFor(c).drain();
    await expect(replayOutboxItem(c, { id, actor: admin })).rejects.toThrow(/is delivered; only dead or cancelled/);
    const replays = await c.db.selectFrom("audit_log").select("id").where("action", "=", "outbox.replayed").execute();
    expect(replays).toHaveLength(0);
  });

  it("answers not found for an unknown item", async () => {
    const { c } = await setup();
    const audits = await countRows(c, "audit_log");
    await expect(replayOutboxItem(c, { id: 987654, actor: admin })).rejects.toMatchObject({ code: "not_found" });
    expect(await countRows(c, "audit_log")).toBe(audits);
  });
});
