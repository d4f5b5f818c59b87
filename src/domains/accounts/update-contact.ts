import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "./account-records.js";
import { assertEmailFree, checkContactRoles } from "./contact-checks.js";
import { toContact, type Contact } from "./contact-view.js";

export interface UpdateContactOptions {
  id: string;
  name?: string | undefined;
  email?: string | null | undefined;
  title?: string | null | undefined;
  roles?: string[] | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** Edits a contact (PATCH: missing stays, null clears); the first role given tags it (X), and the tag time stays after. */
export async function updateContact(ctx: AppContext, o: UpdateContactOptions): Promise<Contact> {
  const roles = o.roles === undefined ? undefined : checkContactRoles(ctx.packs.current(), o.roles);
  return ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom("contacts").select("account_id").where("id", "=", o.id).executeTakeFirst();
    if (!found) throw notFound("Contact", o.id);
    await lockAccount(trx, found.account_id);
    const current = await trx.selectFrom("contacts").selectAll().where("id", "=", o.id).executeTakeFirst();
    if (!current) throw notFound("Contact", o.id);
    if (o.email !== undefined) await assertEmailFree(trx, current.account_id, o.email, current.id);
    const wanted = { name: o.name, email: o.email, title: o.title, roles };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, value] of Object.entries(wanted)) {
      if (value === undefined) continue;
      const before = current[field as keyof typeof wanted];
      if (JSON.stringify(before) !== JSON.stringify(value)) changes[field] = { from: before, to: value };
    }
    if (Object.keys(changes).length === 0) return toContact(current);
    const now = ctx.clock.now();
    const nextRoles = roles ?? current.roles;
    const row = await trx
      .updateTable("contacts")
      .set({
        ...(o.name !== undefined ? { name: o.name } : {}),
        ...(o.email !== undefined ? { email: o.email } : {}),
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(roles !== undefined ? { roles: JSON.stringify(roles) } : {}),
        tagged_at: current.tagged_at ?? (nextRoles.length > 0 ? now : null),
        updated_at: now,
      })
      .where("id", "=", current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccountChange(trx, ctx, {
      accountId: current.account_id,
      actor: o.actor,
      action: "account.contact_updated",
      summary: `Contact ${row.name}: changed ${Object.keys(changes).join(", ")}${changes.roles ? ` (roles: ${nextRoles.join(", ") || "none"})` : ""}`,
      data: { contactId: row.id, changes },
      requestId: o.requestId,
    });
    return toContact(row);
  });
}
