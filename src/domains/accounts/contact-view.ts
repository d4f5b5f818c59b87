import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { ContactRow } from "./schema.js";

export interface Contact {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  title: string | null;
  /** Roles from the pack's accounts.contactRoles (multi-select). */
  roles: string[];
  /** When the contact first got a role (X: tagged within N days of signature). */
  taggedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  email: r.email,
  title: r.title,
  roles: r.roles,
  taggedAt: r.tagged_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The account's contacts by name. */
export async function listContacts(ctx: AppContext, accountId: string): Promise<{ items: Contact[] }> {
  const account = await ctx.db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", accountId);
  const rows = await ctx.db.selectFrom("contacts").selectAll().where("account_id", "=", accountId).orderBy("name").orderBy("id").execute();
  return { items: rows.map(toContact) };
}
