import type { AppContext } from "../app/context.js";
import { AppError, notFound } from "../errors/app-error.js";
import { audit } from "../timeline/record.js";
import type { Actor } from "../timeline/actor.js";
import { assertPasswordPolicy, hashPassword, verifyPassword } from "./passwords.js";
import { isUuid, sha256Hex } from "./secrets.js";

export interface SetPasswordOptions {
  userId: string;
  password: string;
  /**
   * Required when people change their own password (actor is that user and a password is
   * set): a stolen session cookie alone must not be enough to take over the account.
   */
  currentPassword?: string | undefined;
  /** The session making the change stays signed in; every other session is revoked. */
  keepSessionToken?: string | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** Sets or replaces a user's password and signs the user out of every other session. */
export async function setPassword(ctx: AppContext, o: SetPasswordOptions): Promise<void> {
  if (!isUuid(o.userId)) throw notFound("User", o.userId);
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "email", "password_hash"])
    .where("id", "=", o.userId)
    .executeTakeFirst();
  if (!user) throw notFound("User", o.userId);

  const selfService = o.actor.type === "user" && o.actor.id === user.id;
  if (selfService && user.password_hash !== null) {
    const ok = o.currentPassword !== undefined && (await verifyPassword(user.password_hash, o.currentPassword));
    if (!ok) {
      throw new AppError("invalid_credentials", "The current password is incorrect.", {
        details: { field: "currentPassword" },
      });
    }
  }
  assertPasswordPolicy(o.password, user.email);
  const passwordHash = await hashPassword(o.password);
  const keepIdHash = o.keepSessionToken === undefined ? null : sha256Hex(o.keepSessionToken);
  const now = ctx.clock.now();

  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: now }).where("id", "=", user.id).execute();
    let revoke = trx
      .updateTable("sessions")
      .set({ revoked_at: now })
      .where("user_id", "=", user.id)
      .where("revoked_at", "is", null);
    if (keepIdHash !== null) revoke = revoke.where("id_hash", "!=", keepIdHash);
    const revoked = await revoke.executeTakeFirst();
    await audit(trx, {
      actor: o.actor,
      action: "user.password_set",
      at: now,
      subject: { type: "user", id: user.id },
      data: { email: user.email, hadPassword: user.password_hash !== null, revokedSessions: Number(revoked.numUpdatedRows) },
      requestId: o.requestId,
    });
  });
}
