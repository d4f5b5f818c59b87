import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { startSmtpListener, type SmtpListener } from "../support/smtp-listener.js";
import { deliveryId } from "../../src/platform/outbox/delivery.js";
import { messageIdFor, SMTP_NOT_CONFIGURED } from "../../src/integrations/smtp/smtp-sender.js";
import { sendTestEmail } from "../../src/integrations/smtp/send-test-email.js";
import { admin, attemptRows, enqueueEmail, outboxRow, workerFor } from "./outbox-fixtures.js";

const MAIL_FROM = "Trellis <ops@trellis.test>";
let ctx: TestContext | undefined;
let smtp: SmtpListener | undefined;

afterEach(async () => {
  await ctx?.close();
  await smtp?.close();
  ctx = undefined;
  smtp = undefined;
});

async function setup(withSmtp = true): Promise<{ c: TestContext; s: SmtpListener }> {
  smtp = await startSmtpListener();
  ctx = await createTestContext({ config: { mailFrom: MAIL_FROM, ...(withSmtp ? { smtpUrl: smtp.url } : {}) } });
  return { c: ctx, s: smtp };
}

describe("email delivery over SMTP", () => {
  it("delivers every queued email to the SMTP listener, with a Message-ID derived from the idempotency key", async () => {
    const { c, s } = await setup();
    const keys = ["welcome:1", "welcome:2", "welcome:3", "T9.warning:lead:7", "ünïcode:5"];
    const ids = [];
    for (const [i, key] of keys.entries()) {
      ids.push(await enqueueEmail(c, key, { to: [`person${i}@example.com`], subject: `Hello ${i} — ✓`, text: `Line for ${key}\n` }));
    }
    const counts = await workerFor(c).drain();
    expect(counts).toMatchObject({ claimed: 5, delivered: 5, retrying: 0, dead: 0 });
    expect(s.messages).toHaveLength(5);
    for (const [i, key] of keys.entries()) {
      const m = s.messages.find((x) => x.envelopeTo.includes(`person${i}@example.com`));
      expect(m, `message for ${key}`).toBeDefined();
      expect(m?.subject).toBe(`Hello ${i} — ✓`);
      expect(m?.text).toContain(`Line for ${key}`);
      expect(m?.envelopeFrom).toBe("ops@trellis.test");
      expect(m?.messageId).toBe(messageIdFor(deliveryId(key), MAIL_FROM));
      expect(m?.messageId).toMatch(/^<msg_[A-Za-z0-9_-]+@trellis\.test>$/);
      expect(m?.headers["x-trellis-delivery-id"]).toBe(deliveryId(key));
    }
    for (const id of ids) {
      expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 1, lease_owner: null, last_error: null });
      const attempts = await attemptRows(c, id);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ attempt: 1, outcome: "delivered", status_code: 250, worker: "test-worker" });
    }
  });

  it("retries while SMTP is not configured, then delivers once SMTP_URL is set", async () => {
    const { c, s } = await setup(false);
    const id = await enqueueEmail(c, "no-smtp:1");
    const worker = workerFor(c);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    const waiting = await outboxRow(c, id);
    expect(waiting).toMatchObject({ status: "retrying", attempts: 1, last_error: SMTP_NOT_CONFIGURED });
    expect(SMTP_NOT_CONFIGURED).toBe("SMTP is not configured: set SMTP_URL");

    c.config.smtpUrl = s.url; // what a restart with SMTP_URL set gives
    c.clock.set(waiting.next_attempt_at);
    expect(await worker.runOnce()).toMatchObject({ delivered: 1 });
    expect(s.messages.map((m) => m.subject)).toEqual(["Subject no-smtp:1"]);
  });

  it("dead-letters an email the server refuses permanently (5xx) without retrying", async () => {
    const { c, s } = await setup();
    const id = await enqueueEmail(c, "bounce:1");
    s.rejectNext(1, 550, "No such user here");
    expect(await workerFor(c).drain()).toMatchObject({ claimed: 1, dead: 1, retrying: 0 });
    const row = await outboxRow(c, id);
    expect(row.status).toBe("dead");
    expect(row.last_error).toMatch(/550/);
    expect(row.last_error).toMatch(/No such user here/);
    expect((await attemptRows(c, id)).map((a) => [a.outcome, a.status_code])).toEqual([["dead", 550]]);
    expect(s.messages).toHaveLength(0);
  });

  it("retries a temporary SMTP refusal (4xx) after the pack's base backoff, then delivers", async () => {
    const { c, s } = await setup();
    const id = await enqueueEmail(c, "greylisted:1");
    s.rejectNext(1, 451, "Greylisted, come back later");
    const worker = workerFor(c);
    const t0 = c.clock.now();
    expect(await worker.runOnce()).toMatchObject({ retrying: 1 });
    const row = await outboxRow(c, id);
    const base = c.packs.current().outbox.backoffBaseSeconds;
    expect(row.next_attempt_at.getTime() - t0.getTime()).toBe(base * 1000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 0 });
    c.clock.advance(base * 1000);
    expect(await worker.runOnce()).toMatchObject({ delivered: 1 });
    expect(s.messages).toHaveLength(1);
    expect((await attemptRows(c, id)).map((a) => [a.outcome, a.status_code])).toEqual([
      ["retry", 451],
      ["delivered", 250],
    ]);
  });

  it("sends the pack's delivery-test template, rendered, and audits who asked", async () => {
    const { c, s } = await setup();
    const sent = await sendTestEmail(c, { to: "ops@example.com", actor: admin, requestId: "req-1" });
    const again = await sendTestEmail(c, { to: "ops@example.com", actor: admin, requestId: "req-1" });
    expect(sent.outboxId).not.toBeNull();
    expect(again.outboxId).toBeNull();
    await workerFor(c).drain();
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]?.subject).toBe(c.packs.current().emails.deliveryTest?.subject);
    expect(s.messages[0]?.text).toContain(`sent by Ada Admin from Trellis at ${c.clock.now().toISOString()}`);
    const audit = await c.db.selectFrom("audit_log").selectAll().where("action", "=", "email.test_queued").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_label: "Ada Admin", request_id: "req-1" });
  });

  it("refuses a test email to something that is not an address, and queues nothing", async () => {
    const { c } = await setup();
    await expect(sendTestEmail(c, { to: "not-an-address", actor: admin })).rejects.toMatchObject({ code: "validation_failed" });
    const n = await c.db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
