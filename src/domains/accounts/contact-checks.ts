import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import { AppError, invalidField } from "../../platform/errors/app-error.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";

/** X: the roles, each one the pack knows (exact names, any order, each once); 400 naming the unknown ones. */
export function checkContactRoles(pack: ProcessPack, roles: readonly string[]): string[] {
  const known = pack.accounts.contactRoles;
  const unknown = roles.filter((r) => !known.includes(r));
  if (unknown.length > 0) throw invalidField("roles", `${unknown.map((r) => JSON.stringify(r)).join(", ")} is not a contact role (roles: ${known.join(", ")})`);
  return known.filter((r) => roles.includes(r));
}

/** One contact per email on an account (409 naming who has it); `exceptId` is the contact being edited. */
export async function assertEmailFree(trx: Transaction<Database>, accountId: string, email: string | null, exceptId: string | null): Promise<void> {
  if (email === null) return;
  let q = trx.selectFrom("contacts").select(["id", "name"]).where("account_id", "=", accountId).where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()));
  if (exceptId) q = q.where("id", "!=", exceptId);
  const other = await q.executeTakeFirst();
  if (other) throw new AppError("already_exists", `email: ${email} is already the email of ${other.name} on this account.`, { details: { field: "email", email, contactId: other.id } });
}
