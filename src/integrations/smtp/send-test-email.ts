import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import { enqueue } from "../../platform/outbox/enqueue.js";
import { renderEmail } from "../../platform/outbox/render-template.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";

export interface SendTestEmailOptions {
  to: string;
  actor: Actor;
  /** Retrying the same request does not send a second email. */
  requestId?: string | undefined;
}

export interface SentTestEmail {
  outboxId: number | null;
  idempotencyKey: string;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Queues the pack's emails.deliveryTest template to one address (the admin's "does mail work?"). */
export async function sendTestEmail(ctx: AppContext, o: SendTestEmailOptions): Promise<SentTestEmail> {
  const to = o.to.trim();
  if (!ADDRESS.test(to)) {
    throw new AppError("validation_failed", `to: "${o.to}" is not an email address.`, {
      details: { issues: [{ path: ["to"], message: "is not an email address" }] },
    });
  }
  const pack = ctx.packs.current();
  const template = pack.emails.deliveryTest;
  if (!template) throw new AppError("unprocessable", `Process pack ${pack.version} has no emails.deliveryTest template.`);
  const now = ctx.clock.now();
  const email = renderEmail(template, { actor: actorColumns(o.actor).actor_label, at: now.toISOString() }, "emails.deliveryTest");
  const idempotencyKey = `email.deliveryTest:${o.requestId ?? randomUUID()}`;
  const outboxId = await ctx.db.transaction().execute(async (trx) => {
    const id = await enqueue(trx, {
      channel: "email",
      payload: { to: [to], subject: email.subject, text: email.text },
      idempotencyKey,
      at: now,
      pack,
      actor: o.actor,
    });
    if (id !== null) {
      await audit(trx, { actor: o.actor, action: "email.test_queued", at: now, requestId: o.requestId, data: { to, outboxId: id } });
    }
    return id;
  });
  ctx.notifyOutbox();
  return { outboxId, idempotencyKey };
}
