import type { AppContext } from "../app/context.js";
import { AppError, notFound } from "../errors/app-error.js";
import type { Actor } from "../timeline/actor.js";
import { audit } from "../timeline/record.js";
import { toOutboxView, type OutboxItemView } from "./outbox-view.js";

export interface ReplayOutboxItemOptions {
  id: number;
  actor: Actor;
  reason?: string | undefined;
  requestId?: string | undefined;
}

const REPLAYABLE = new Set(["dead", "cancelled"]);

/**
 * Sends a dead or cancelled item again: back to pending with a fresh attempt budget, due now.
 * The idempotency key and delivery id stay the same, so a receiver that did get an earlier
 * attempt can recognise the repeat. Earlier attempts stay in the history.
 */
export async function replayOutboxItem(ctx: AppContext, o: ReplayOutboxItemOptions): Promise<OutboxItemView> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("outbox").selectAll().where("id", "=", o.id).forUpdate().executeTakeFirst();
    if (!current) throw notFound("Outbox item", o.id);
    if (!REPLAYABLE.has(current.status)) {
      throw new AppError(
        "invalid_state",
        `Outbox item ${o.id} is ${current.status}; only dead or cancelled items can be replayed.`,
        { details: { status: current.status } },
      );
    }
    const updated = await trx
      .updateTable("outbox")
      .set({
        status: "pending",
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
      })
      .where("id", "=", o.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: o.actor,
      action: "outbox.replayed",
      at: now,
      subject: { type: "outbox", id: String(o.id) },
      reason: o.reason,
      requestId: o.requestId,
      data: { previousStatus: current.status, previousAttempts: current.attempts, lastError: current.last_error },
    });
    return updated;
  });
  ctx.notifyOutbox();
  return toOutboxView(row);
}
