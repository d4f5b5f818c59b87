import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { invalidField } from "../../platform/errors/app-error.js";
import { renderTemplate } from "../../platform/outbox/render-template.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { escapeHtml, sanitizeDocHtml } from "./sanitize-doc-html.js";

export const DOC_SUBJECT = "doc";
export const DOC_TITLE_MAX = 200;
/** A doc body larger than this is refused (a pasted image as a data URL, a runaway paste). */
export const DOC_BODY_MAX = 500_000;

export interface NewDoc {
  accountId: string;
  /** A key of pack docTemplates, or omitted for a blank doc (then `title` is required). */
  template?: string | undefined;
  title?: string | undefined;
  /** Values for the template's {{variables}}; HTML-escaped into the body. */
  vars?: Readonly<Record<string, string | number>> | undefined;
  /** Idempotency for rule-created docs ("H3.handoff:<accountId>"): a second call returns the first doc. */
  sourceKey?: string | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * Creates a doc on an account (from a pack template or blank) as version 1, in the caller's
 * transaction, with the change on the doc's and the account's timelines. Uses only `trx`.
 */
export async function createDoc(trx: Transaction<Database>, ctx: AppContext, d: NewDoc): Promise<{ id: string; created: boolean }> {
  if (d.sourceKey) {
    const existing = await trx.selectFrom("docs").select("id").where("source_key", "=", d.sourceKey).executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
  }
  const pack = ctx.packs.current();
  let title: string;
  let body: string;
  if (d.template !== undefined) {
    const template = pack.docTemplates[d.template];
    if (!template) throw invalidField("template", `is not a doc template (known: ${Object.keys(pack.docTemplates).join(", ")})`);
    const vars = d.vars ?? {};
    const escaped = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, escapeHtml(String(v))]));
    title = (d.title ?? renderTemplate(template.title, vars, `docTemplates.${d.template}.title`)).trim();
    body = sanitizeDocHtml(renderTemplate(template.body, escaped, `docTemplates.${d.template}.body`));
  } else {
    title = (d.title ?? "").trim();
    body = "";
  }
  if (title.length === 0 || title.length > DOC_TITLE_MAX) throw invalidField("title", `must be 1 to ${DOC_TITLE_MAX} characters`);
  const id = randomUUID();
  const at = ctx.clock.now();
  const who = actorColumns(d.actor);
  await trx
    .insertInto("docs")
    .values({
      id,
      account_id: d.accountId,
      template: d.template ?? null,
      title,
      body,
      version: 1,
      source_key: d.sourceKey ?? null,
      created_by: who.actor_label,
      created_at: at,
      updated_by: who.actor_label,
      updated_at: at,
    })
    .execute();
  await trx.insertInto("doc_versions").values({ doc_id: id, version: 1, title, body, edited_by_id: who.actor_id, edited_by: who.actor_label, edited_at: at }).execute();
  await recordChange(trx, { actor: d.actor, action: "doc.created", summary: `Doc created: ${title}`, subject: { type: DOC_SUBJECT, id }, at, data: { accountId: d.accountId, template: d.template ?? null }, requestId: d.requestId });
  await recordAccountChange(trx, ctx, { accountId: d.accountId, actor: d.actor, action: "doc.created", summary: `Doc created: ${title}`, data: { docId: id, template: d.template ?? null }, requestId: d.requestId });
  return { id, created: true };
}
