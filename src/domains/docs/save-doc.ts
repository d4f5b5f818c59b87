import type { AppContext } from "../../platform/app/context.js";
import { AppError, invalidField, notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { DOC_BODY_MAX, DOC_SUBJECT, DOC_TITLE_MAX } from "./create-doc.js";
import { getDoc, type Doc } from "./doc-view.js";
import { sanitizeDocHtml } from "./sanitize-doc-html.js";

export interface SaveDocOptions {
  docId: string;
  title: string;
  /** HTML from the editor; sanitised before it is stored. */
  body: string;
  /** The version the editor started from: a save over someone else's newer version is refused. */
  baseVersion: number;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * Saves a doc as a new version (full copy in doc_versions, with the editor) and records the
 * edit on the doc's and the account's timelines. A save that changes nothing makes no version;
 * one based on an older version than the current gets 409 "conflict" with the current version
 * and who saved it, so a colleague's edit is never overwritten silently.
 */
export async function saveDoc(ctx: AppContext, o: SaveDocOptions): Promise<Doc> {
  if (o.body.length > DOC_BODY_MAX) {
    throw new AppError("payload_too_large", `body: is ${o.body.length} characters; a doc body may be at most ${DOC_BODY_MAX} (images are not stored in docs).`, {
      details: { issues: [{ path: ["body", "body"], message: `must be at most ${DOC_BODY_MAX} characters` }], max: DOC_BODY_MAX, actual: o.body.length },
    });
  }
  const title = o.title.trim();
  if (title.length === 0 || title.length > DOC_TITLE_MAX) throw invalidField("title", `must be 1 to ${DOC_TITLE_MAX} characters`);
  const body = sanitizeDocHtml(o.body);

  return ctx.db.transaction().execute(async (trx) => {
    const doc = await trx.selectFrom("docs").selectAll().where("id", "=", o.docId).forUpdate().executeTakeFirst();
    if (!doc) throw notFound("Doc", o.docId);
    if (doc.title === title && doc.body === body) return getDoc(trx, doc.id);
    if (doc.version !== o.baseVersion) {
      throw new AppError(
        "conflict",
        `${doc.updated_by} saved version ${doc.version} of this doc after you opened version ${o.baseVersion}: reload it and apply your changes again.`,
        { details: { currentVersion: doc.version, updatedBy: doc.updated_by } },
      );
    }
    const version = doc.version + 1;
    const at = ctx.clock.now();
    const who = actorColumns(o.actor);
    await trx.updateTable("docs").set({ title, body, version, updated_by: who.actor_label, updated_at: at }).where("id", "=", doc.id).execute();
    await trx.insertInto("doc_versions").values({ doc_id: doc.id, version, title, body, edited_by_id: who.actor_id, edited_by: who.actor_label, edited_at: at }).execute();
    const summary = `${title} edited (version ${version})`;
    const data = { docId: doc.id, version, titleChanged: title !== doc.title, bodyChanged: body !== doc.body };
    await recordChange(trx, { actor: o.actor, action: "doc.edited", summary, subject: { type: DOC_SUBJECT, id: doc.id }, at, data, requestId: o.requestId });
    await recordAccountChange(trx, ctx, { accountId: doc.account_id, actor: o.actor, action: "doc.edited", summary, data, requestId: o.requestId });
    return getDoc(trx, doc.id);
  });
}
