import { randomUUID } from "node:crypto";
import type { AppContext } from "../app/context.js";
import { AppError } from "../errors/app-error.js";
import { audit } from "../timeline/record.js";
import type { Actor } from "../timeline/actor.js";
import { assertPasswordPolicy, hashPassword } from "./passwords.js";
import { validBookingUrl, validEmail, validName, validRole } from "./user-fields.js";
import { toUserView, type UserView } from "./user-view.js";

export interface CreateUserOptions {
  email: string;
  name: string;
  /** One of ROLES; validated here because the CLI passes free text. */
  role: string;
  /** Without one the user exists (can be assigned work) but cannot sign in until one is set. */
  password?: string | undefined;
  /** https link customers use to book a call (CEs). */
  bookingUrl?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** Creates a user. A taken email is `already_exists` and writes nothing. */
export async function createUser(ctx: AppContext, o: CreateUserOptions): Promise<UserView> {
  const email = validEmail(o.email);
  const name = validName(o.name);
  const role = validRole(o.role);
  const bookingUrl = validBookingUrl(o.bookingUrl ?? null);
  if (o.password !== undefined) assertPasswordPolicy(o.password, email);
  // Hash before the transaction: ~50 ms of CPU must not hold PGlite's only connection.
  const passwordHash = o.password === undefined ? null : await hashPassword(o.password);
  const now = ctx.clock.now();

  return ctx.db.transaction().execute(async (trx) => {
    // ON CONFLICT DO NOTHING instead of catching 23505: a failed statement would abort the
    // transaction, and a concurrent creator with the same email ends up here too.
    const row = await trx
      .insertInto("users")
      .values({
        id: randomUUID(),
        email,
        name,
        role,
        password_hash: passwordHash,
        booking_url: bookingUrl,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("email").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw new AppError("already_exists", `A user with the email ${email} already exists.`, {
        details: { field: "email", email },
      });
    }
    await audit(trx, {
      actor: o.actor,
      action: "user.created",
      at: now,
      subject: { type: "user", id: row.id },
      data: { email, name, role, bookingUrl, hasPassword: passwordHash !== null },
      requestId: o.requestId,
    });
    return toUserView(row);
  });
}
