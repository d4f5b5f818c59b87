import type { AppContext } from "../app/context.js";
import { audit } from "../timeline/record.js";
import { actorFromUser } from "./actors.js";
import { sha256Hex } from "./secrets.js";
import { toUserView } from "./user-view.js";

export interface SignOutOptions {
  /** The session cookie's value. */
  token: string | null | undefined;
  requestId?: string | undefined;
}

/**
 * Revokes the session. Idempotent: an unknown or already revoked token is not an error
 * (the browser may retry, or sign out in two tabs). Returns whether a live session ended.
 */
export async function signOut(ctx: AppContext, o: SignOutOptions): Promise<boolean> {
  if (!o.token) return false;
  const idHash = sha256Hex(o.token);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable("sessions")
      .set({ revoked_at: now })
      .where("id_hash", "=", idHash)
      .where("revoked_at", "is", null)
      .returning("user_id")
      .executeTakeFirst();
    if (!revoked) return false;
    const user = await trx.selectFrom("users").selectAll().where("id", "=", revoked.user_id).executeTakeFirstOrThrow();
    await audit(trx, {
      actor: actorFromUser(toUserView(user)),
      action: "session.signed_out",
      at: now,
      subject: { type: "user", id: user.id },
      requestId: o.requestId,
    });
    return true;
  });
}
