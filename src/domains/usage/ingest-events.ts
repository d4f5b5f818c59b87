import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import { applyEvents } from "./apply-events.js";
import type { NormalizedEvent } from "./event-input.js";
import { evaluateSignals } from "./evaluate-signals.js";
import { lockUsageState } from "./usage-state.js";
import type { IngestingInstance } from "./ingest-token.js";

export interface IngestEventsOptions {
  instance: IngestingInstance;
  /** Re-sent batches with the same id are accepted once. */
  batchId?: string | undefined;
  events: NormalizedEvent[];
  /** How the caller names an entry in errors ("events" or "batch"). */
  listName?: string;
}

export interface IngestEventsResult {
  accepted: number;
  duplicates: number;
  duplicateBatch: boolean;
  signals: number;
}

/**
 * Stores a batch of user activity and updates the rollups and signals in one transaction:
 * the batch is stored all or nothing. Duplicate events (same id) and re-sent batches count once.
 */
export async function ingestEvents(ctx: AppContext, o: IngestEventsOptions): Promise<IngestEventsResult> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const list = o.listName ?? "events";
  if (o.events.length > pack.usage.maxEventsPerBatch) {
    throw new AppError("payload_too_large", `A batch holds at most ${pack.usage.maxEventsPerBatch} events; split this one (${o.events.length}).`, {
      details: { limit: pack.usage.maxEventsPerBatch, got: o.events.length },
    });
  }
  const latest = now.getTime() + pack.usage.maxFutureSkewMinutes * 60_000;
  const future = o.events.findIndex((e) => e.occurredAt.getTime() > latest);
  if (future >= 0) {
    throw new AppError(
      "validation_failed",
      `${list}[${future}].timestamp: is more than ${pack.usage.maxFutureSkewMinutes} minutes ahead of the server clock; fix the sender's clock.`,
      { details: { index: future, field: "timestamp", issues: [{ path: ["body", list, future, "timestamp"], message: "is in the future" }] } },
    );
  }
  if (o.instance.status !== "active") {
    throw new AppError("invalid_state", `Instance ${o.instance.slug} is terminated; it no longer accepts telemetry.`);
  }

  const result = await ctx.db.transaction().execute(async (trx) => {
    const state = await lockUsageState(trx, o.instance.id, now);
    if (o.batchId !== undefined) {
      const fresh = await trx
        .insertInto("usage_batches")
        .values({ instance_id: o.instance.id, batch_id: o.batchId, received_at: now, events: o.events.length })
        .onConflict((oc) => oc.doNothing())
        .returning("batch_id")
        .executeTakeFirst();
      if (!fresh) return { accepted: 0, duplicates: o.events.length, duplicateBatch: true, signals: 0 };
    }
    const applied = await applyEvents(trx, pack, o.instance.id, o.events, now);
    if (applied.inserted === 0) return { accepted: 0, duplicates: applied.duplicates, duplicateBatch: false, signals: 0 };

    const after = {
      ...state,
      event_users: state.event_users + applied.newUsers,
      last_activity_at:
        applied.lastActivityAt && (!state.last_activity_at || applied.lastActivityAt > state.last_activity_at)
          ? applied.lastActivityAt
          : state.last_activity_at,
    };
    const { latches, emitted } = await evaluateSignals(trx, ctx, {
      instance: o.instance,
      state: after,
      newUserDays: applied.newUserDays,
      newUserKeys: applied.newUserKeys,
      newFeatures: applied.newFeatures.map((f) => ({ ...f, source: "event" as const })),
    });
    await trx
      .updateTable("usage_state")
      .set({ event_users: after.event_users, last_activity_at: after.last_activity_at, ...latches, updated_at: now })
      .where("instance_id", "=", o.instance.id)
      .execute();
    return { accepted: applied.inserted, duplicates: applied.duplicates, duplicateBatch: false, signals: emitted };
  });
  if (result.signals > 0) ctx.notifyOutbox();
  return result;
}
