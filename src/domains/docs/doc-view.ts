import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { DocRow } from "../accounts/schema.js";

type Executor = Kysely<Database> | Transaction<Database>;

/** The API's Doc: sanitised HTML plus who made and last changed it. */
export interface Doc {
  id: string;
  accountId: string;
  accountName: string;
  title: string;
  body: string;
  template: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface DocListItem {
  id: string;
  title: string;
  template: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export function toDoc(r: DocRow & { account_name: string }): Doc {
  return {
    id: r.id,
    accountId: r.account_id,
    accountName: r.account_name,
    title: r.title,
    body: r.body,
    template: r.template,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
  };
}

export async function getDoc(db: Executor, id: string): Promise<Doc> {
  const row = await db
    .selectFrom("docs as d")
    .innerJoin("accounts as a", "a.id", "d.account_id")
    .selectAll("d")
    .select("a.name as account_name")
    .where("d.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("Doc", id);
  return toDoc(row);
}

/** An account's docs, newest first; 404 when the account does not exist. */
export async function listAccountDocs(db: Executor, accountId: string): Promise<{ items: DocListItem[] }> {
  const account = await db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", accountId);
  const rows = await db
    .selectFrom("docs")
    .select(["id", "title", "template", "version", "updated_at", "updated_by"])
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return { items: rows.map((r) => ({ id: r.id, title: r.title, template: r.template, version: r.version, updatedAt: r.updated_at.toISOString(), updatedBy: r.updated_by })) };
}
