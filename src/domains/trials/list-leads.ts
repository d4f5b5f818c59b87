import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import { statusName } from "./lead-status.js";
import { leadSummaries, type LeadSummary } from "./lead-view.js";

export interface ListLeadsOptions {
  /** "qualification": the SDR queue (T4): new leads, oldest first. */
  queue?: "qualification" | undefined;
  status?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

const encode = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
function decode(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime())) {
    throw new AppError("validation_failed", "query.cursor: is not a cursor this API returned.", { details: { issues: [{ path: ["query", "cursor"], message: "is not a cursor this API returned" }] } });
  }
  return { at, id };
}

/** Leads newest first, or the qualification queue oldest first; keyset-paginated on (created_at, id). */
export async function listLeads(ctx: AppContext, o: ListLeadsOptions): Promise<{ items: LeadSummary[]; nextCursor: string | null }> {
  const pack = ctx.packs.current();
  const ascending = o.queue === "qualification";
  const dir = ascending ? "asc" : "desc";
  let query = ctx.db.selectFrom("leads").selectAll().orderBy("created_at", dir).orderBy("id", dir).limit(o.limit + 1);
  if (o.queue === "qualification") query = query.where("status", "=", statusName(pack, "new"));
  if (o.status) query = query.where("status", "=", o.status);
  const q = o.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb("name", "ilike", like), eb("email", "ilike", like), eb("company", "ilike", like)]));
  }
  if (o.cursor) {
    const c = decode(o.cursor);
    query = query.where((eb) =>
      ascending
        ? eb.or([eb("created_at", ">", c.at), eb.and([eb("created_at", "=", c.at), eb("id", ">", c.id)])])
        : eb.or([eb("created_at", "<", c.at), eb.and([eb("created_at", "=", c.at), eb("id", "<", c.id)])]),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, o.limit);
  const last = page[page.length - 1];
  return { items: await leadSummaries(ctx, page), nextCursor: rows.length > o.limit && last ? encode(last.created_at, last.id) : null };
}
