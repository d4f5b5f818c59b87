import type { AppContext } from "../../platform/app/context.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { accountDocVars } from "./account-doc-vars.js";
import { createDoc } from "./create-doc.js";
import { getDoc, type Doc } from "./doc-view.js";

export interface CreateAccountDocOptions {
  accountId: string;
  /** A pack docTemplates key, filled with the account's values; or omitted for a blank doc. */
  template?: string | undefined;
  /** Required for a blank doc; overrides the template's title otherwise. */
  title?: string | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** A doc on an account from a template (with the account's values) or blank with a title. */
export async function createAccountDoc(ctx: AppContext, o: CreateAccountDocOptions): Promise<Doc> {
  if (o.template === undefined && !o.title?.trim()) throw invalidField("title", "is required for a blank doc (or give a template)");
  return ctx.db.transaction().execute(async (trx) => {
    const vars = await accountDocVars(trx, o.accountId);
    if (!vars) throw notFound("Account", o.accountId);
    const { id } = await createDoc(trx, ctx, { accountId: o.accountId, template: o.template, title: o.title, vars, actor: o.actor, requestId: o.requestId });
    return getDoc(trx, id);
  });
}
