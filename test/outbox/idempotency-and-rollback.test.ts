import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startSmtpListener, type SmtpListener } from "../support/smtp-listener.js";
import { enqueue } from "../../src/platform/outbox/enqueue.js";
import { countRows, workerFor } from "./outbox-fixtures.js";

let ctx: TestContext | undefined;
let smtp: SmtpListener | undefined;

afterEach(async () => {
  await ctx?.close();
  await smtp?.close();
  ctx = undefined;
  smtp = undefined;
});

async function setup(): Promise<TestContext> {
  smtp = await startSmtpListener();
  ctx = await createTestContext({ config: { smtpUrl: smtp.url } });
  return ctx;
}

const email = (c: TestContext, key: string, subject: string) =>
  ({
    channel: "email",
    payload: { to: ["a@example.com"], subject, text: "x" },
    idempotencyKey: key,
    at: c.clock.now(),
    pack: c.packs.current(),
  }) as const;

describe("outbox write side guarantees", () => {
  it("delivers a side effect once when its idempotency key is enqueued twice", async () => {
    const c = await setup();
    const first = await c.db.transaction().execute((trx) => enqueue(trx, email(c, "T9.warning:lead:1", "first")));
    const second = await c.db.transaction().execute((trx) => enqueue(trx, email(c, "T9.warning:lead:1", "second")));
    expect(first).toEqual(expect.any(Number));
    expect(second).toBeNull();
    expect(await workerFor(c).drain()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(smtp?.messages.map((m) => m.subject)).toEqual(["first"]);
  });

  it("sends nothing when the transaction that enqueued rolls back", async () => {
    const c = await setup();
    await expect(
      c.db.transaction().execute(async (trx) => {
        await enqueue(trx, email(c, "rolled-back:1", "never"));
        throw new Error("business rule failed after enqueue");
      }),
    ).rejects.toThrow("business rule failed");
    expect(await countRows(c, "outbox")).toBe(0);
    expect(await workerFor(c).drain()).toMatchObject({ claimed: 0 });
    expect(smtp?.messages).toHaveLength(0);
    // The key was never used, so the retried use case can enqueue it.
    expect(await enqueue(c.db, email(c, "rolled-back:1", "retried"))).toEqual(expect.any(Number));
    await workerFor(c).drain();
    expect(smtp?.messages.map((m) => m.subject)).toEqual(["retried"]);
  });
});
