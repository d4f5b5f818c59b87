import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "./account-records.js";

/** Removes a contact; the account's timeline keeps who it was. */
export async function deleteContact(ctx: AppContext, o: { id: string; actor: Actor; requestId?: string | undefined }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom("contacts").select("account_id").where("id", "=", o.id).executeTakeFirst();
    if (!found) throw notFound("Contact", o.id);
    await lockAccount(trx, found.account_id);
    const row = await trx.deleteFrom("contacts").where("id", "=", o.id).returningAll().executeTakeFirst();
    if (!row) throw notFound("Contact", o.id);
    await recordAccountChange(trx, ctx, {
      accountId: row.account_id,
      actor: o.actor,
      action: "account.contact_removed",
      summary: `Contact ${row.name} removed`,
      data: { contactId: row.id, name: row.name, email: row.email, title: row.title, roles: row.roles },
      requestId: o.requestId,
    });
  });
}
