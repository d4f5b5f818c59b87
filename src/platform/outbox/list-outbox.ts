import { sql } from "kysely";
import type { AppContext } from "../app/context.js";
import type { OutboxStatus } from "../db/database.js";
import { AppError } from "../errors/app-error.js";
import { OUTBOX_STATUSES, toOutboxView, type OutboxItemView } from "./outbox-view.js";

export interface ListOutboxOptions {
  status?: OutboxStatus | undefined;
  channel?: string | undefined;
  /** Page size, 1–200 (default 50). */
  limit?: number | undefined;
  /** nextCursor of the previous page. */
  cursor?: string | undefined;
}

export interface ListOutboxResult {
  items: OutboxItemView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Rows per status, for the channel filter only (so tabs can show every status's count). */
  counts: Record<OutboxStatus, number>;
}

/** Newest first, keyset-paginated by id (stable while rows are added). */
export async function listOutbox(ctx: AppContext, o: ListOutboxOptions = {}): Promise<ListOutboxResult> {
  const limit = o.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new AppError("validation_failed", "limit must be an integer from 1 to 200.");
  }
  if (o.cursor !== undefined && !/^\d{1,15}$/.test(o.cursor)) {
    throw new AppError("validation_failed", "cursor is invalid: pass the nextCursor of the previous page.");
  }
  let query = ctx.db.selectFrom("outbox").selectAll().orderBy("id", "desc").limit(limit + 1);
  if (o.status) query = query.where("status", "=", o.status);
  if (o.channel) query = query.where("channel", "=", o.channel);
  if (o.cursor) query = query.where("id", "<", Number(o.cursor));
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];

  let countQuery = ctx.db.selectFrom("outbox").select(["status", sql<number>`count(*)`.as("n")]).groupBy("status");
  if (o.channel) countQuery = countQuery.where("channel", "=", o.channel);
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const c of await countQuery.execute()) counts[c.status] = Number(c.n);

  return {
    items: page.map(toOutboxView),
    nextCursor: rows.length > limit && last ? String(last.id) : null,
    counts,
  };
}
