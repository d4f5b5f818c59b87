import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "./account-records.js";
import { assertEmailFree, checkContactRoles } from "./contact-checks.js";
import { toContact, type Contact } from "./contact-view.js";

export interface CreateContactOptions {
  accountId: string;
  name: string;
  email?: string | null | undefined;
  title?: string | null | undefined;
  roles?: string[] | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** Adds a contact to the account; a contact created with a role is tagged now (X). */
export async function createContact(ctx: AppContext, o: CreateContactOptions): Promise<Contact> {
  const roles = checkContactRoles(ctx.packs.current(), o.roles ?? []);
  const email = o.email ?? null;
  return ctx.db.transaction().execute(async (trx) => {
    // The account lock serialises contact writes, so the email check cannot race.
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    await assertEmailFree(trx, account.id, email, null);
    const now = ctx.clock.now();
    const row = await trx
      .insertInto("contacts")
      .values({
        id: randomUUID(),
        account_id: account.id,
        name: o.name,
        email,
        title: o.title ?? null,
        roles: JSON.stringify(roles),
        tagged_at: roles.length > 0 ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.contact_added",
      summary: `Contact ${o.name} added${roles.length ? ` (${roles.join(", ")})` : " (no role yet)"}`,
      data: { contactId: row.id, name: o.name, email, title: row.title, roles },
      requestId: o.requestId,
    });
    return toContact(row);
  });
}
