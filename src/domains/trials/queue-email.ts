import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { enqueue } from "../../platform/outbox/enqueue.js";
import { renderEmail, type TemplateVars } from "../../platform/outbox/render-template.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import type { Subject } from "../../platform/timeline/record.js";

export interface QueueEmailOptions {
  /** A key of the pack's `emails` (validated at load for the trial templates). */
  template: string;
  to: readonly string[];
  cc?: readonly string[] | undefined;
  vars: TemplateVars;
  /** What makes this email unique ("T9.warning:trial:<id>"); a second queue is a no-op. */
  idempotencyKey: string;
  subject?: Subject | undefined;
  actor: Actor;
}

/**
 * Renders a pack email template and queues it in the caller's transaction. Returns false when
 * there is nobody to send to or the key was used already. cc drops addresses already in `to`.
 */
export async function queueEmail(trx: Transaction<Database>, ctx: AppContext, o: QueueEmailOptions): Promise<boolean> {
  const pack = ctx.packs.current();
  const template = pack.emails[o.template];
  if (!template) throw new AppError("unprocessable", `Process pack ${pack.version} has no emails.${o.template} template.`);
  const to = unique(o.to);
  if (to.length === 0) return false;
  const cc = unique(o.cc ?? []).filter((a) => !to.includes(a));
  const email = renderEmail(template, o.vars, `emails.${o.template}`);
  const id = await enqueue(trx, {
    channel: "email",
    payload: { to, ...(cc.length > 0 ? { cc } : {}), subject: email.subject, text: email.text },
    idempotencyKey: o.idempotencyKey,
    at: ctx.clock.now(),
    pack,
    ...(o.subject ? { subject: o.subject } : {}),
    actor: o.actor,
  });
  return id !== null;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list.map((a) => a.trim().toLowerCase()).filter((a) => a !== ""))];
}
