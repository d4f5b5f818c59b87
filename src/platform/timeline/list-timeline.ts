import type { AppContext } from "../app/context.js";
import type { TimelineRow } from "../db/database.js";
import { pageOf } from "../http/pagination.js";
import type { Subject } from "./record.js";

export interface ListTimelineOptions {
  subject: Subject;
  /** Only these kinds (e.g. ["lead.status_changed"]); all when empty. */
  kinds?: string[] | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** A record's memory, newest first. */
export async function listTimeline(ctx: AppContext, o: ListTimelineOptions): Promise<{ items: TimelineRow[]; nextCursor: string | null }> {
  let q = ctx.db
    .selectFrom("timeline_events")
    .selectAll()
    .where("subject_type", "=", o.subject.type)
    .where("subject_id", "=", o.subject.id)
    .orderBy("id", "desc")
    .limit(o.limit + 1);
  if (o.kinds && o.kinds.length > 0) q = q.where("kind", "in", o.kinds);
  if (o.beforeId !== undefined) q = q.where("id", "<", o.beforeId);
  return pageOf(await q.execute(), o.limit);
}
