import type { AppContext } from "../app/context.js";
import { notFound } from "../errors/app-error.js";
import { toOutboxView, type OutboxItemView } from "./outbox-view.js";

export interface GetOutboxItemOptions {
  id: number;
}

export interface OutboxAttemptView {
  attempt: number;
  worker: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: "delivered" | "retry" | "dead" | "lease_lost";
  statusCode: number | null;
  error: string | null;
  durationMs: number | null;
}

export interface OutboxItemDetail extends OutboxItemView {
  payload: Record<string, unknown>;
  attemptHistory: OutboxAttemptView[];
  /** For webhook rows: the endpoint it goes to (never its secret). */
  endpoint: { id: string; name: string; url: string; active: boolean } | null;
}

/** One row with its payload and every attempt, oldest first. */
export async function getOutboxItem(ctx: AppContext, o: GetOutboxItemOptions): Promise<OutboxItemDetail> {
  const row = await ctx.db.selectFrom("outbox").selectAll().where("id", "=", o.id).executeTakeFirst();
  if (!row) throw notFound("Outbox item", o.id);
  const attempts = await ctx.db
    .selectFrom("outbox_attempts")
    .selectAll()
    .where("outbox_id", "=", o.id)
    .orderBy("id")
    .execute();
  const endpointId = row.channel === "webhook" ? row.payload.endpointId : undefined;
  const endpoint =
    typeof endpointId === "string" && /^[0-9a-f-]{36}$/i.test(endpointId)
      ? await ctx.db
          .selectFrom("webhook_endpoints")
          .select(["id", "name", "url", "active"])
          .where("id", "=", endpointId)
          .executeTakeFirst()
      : undefined;
  return {
    ...toOutboxView(row),
    payload: row.payload,
    attemptHistory: attempts.map((a) => ({
      attempt: a.attempt,
      worker: a.worker,
      startedAt: a.started_at,
      finishedAt: a.finished_at,
      outcome: a.outcome,
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
    })),
    endpoint: endpoint ?? null,
  };
}
