import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";

export interface DocVersionItem {
  version: number;
  title: string;
  editedBy: string;
  editedAt: string;
}

/** A doc's versions, newest first (page back with beforeVersion). */
export async function listDocVersions(ctx: AppContext, o: { docId: string; limit: number; beforeVersion?: number | undefined }): Promise<{ items: DocVersionItem[] }> {
  const doc = await ctx.db.selectFrom("docs").select("id").where("id", "=", o.docId).executeTakeFirst();
  if (!doc) throw notFound("Doc", o.docId);
  let q = ctx.db.selectFrom("doc_versions").select(["version", "title", "edited_by", "edited_at"]).where("doc_id", "=", o.docId);
  if (o.beforeVersion !== undefined) q = q.where("version", "<", o.beforeVersion);
  const rows = await q.orderBy("version", "desc").limit(o.limit).execute();
  return { items: rows.map((r) => ({ version: r.version, title: r.title, editedBy: r.edited_by, editedAt: r.edited_at.toISOString() })) };
}

/** One version of a doc with its full body. */
export async function getDocVersion(ctx: AppContext, docId: string, version: number): Promise<DocVersionItem & { body: string }> {
  const r = await ctx.db
    .selectFrom("doc_versions")
    .select(["version", "title", "body", "edited_by", "edited_at"])
    .where("doc_id", "=", docId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (!r) throw notFound("Doc version", `${docId}/${version}`);
  return { version: r.version, title: r.title, body: r.body, editedBy: r.edited_by, editedAt: r.edited_at.toISOString() };
}
