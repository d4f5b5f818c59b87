import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { Role } from "../../platform/pack/pack-schema.js";

export interface Person {
  id: string;
  email: string;
  name: string;
  role: string;
  booking_url: string | null;
}

const PERSON = ["id", "email", "name", "role", "booking_url"] as const;

/** Active users with one of the roles (sales ops for T11, leadership for T10 escalation). */
export async function activeUsersWithRole(trx: Transaction<Database>, roles: readonly Role[]): Promise<Person[]> {
  if (roles.length === 0) return [];
  return trx.selectFrom("users").select(PERSON).where("active", "=", true).where("role", "in", roles).orderBy("email").execute();
}

/** The user if they exist and are active: an owner who left gets no more mail. */
export async function activeUser(trx: Transaction<Database>, id: string | null): Promise<Person | null> {
  if (!id) return null;
  return (await trx.selectFrom("users").select(PERSON).where("id", "=", id).where("active", "=", true).executeTakeFirst()) ?? null;
}

/**
 * The named owner, else everyone active in the role: a trial without a growth owner (or whose
 * owner left) still reaches growth, and a lead without an SDR still reaches the SDR team.
 */
export async function ownerOrRole(trx: Transaction<Database>, ownerId: string | null, role: Role): Promise<Person[]> {
  const owner = await activeUser(trx, ownerId);
  return owner ? [owner] : activeUsersWithRole(trx, [role]);
}

export const emailsOf = (people: readonly (Person | null)[]): string[] => people.filter((p): p is Person => p !== null).map((p) => p.email);
export const idsOf = (people: readonly (Person | null | undefined)[]): string[] => [
  ...new Set(people.filter((p): p is Person => !!p).map((p) => p.id)),
];

/** Emails of the active users among these ids (AE and CE on a lead: either may be unset). */
export async function userEmails(trx: Transaction<Database>, ids: readonly (string | null | undefined)[]): Promise<string[]> {
  const wanted = ids.filter((id): id is string => typeof id === "string");
  if (wanted.length === 0) return [];
  const rows = await trx.selectFrom("users").select("email").where("id", "in", wanted).where("active", "=", true).execute();
  return rows.map((r) => r.email);
}
