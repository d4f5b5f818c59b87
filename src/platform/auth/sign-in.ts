import type { AppContext } from "../app/context.js";
import { AppError } from "../errors/app-error.js";
import { audit } from "../timeline/record.js";
import { systemActor } from "../timeline/actor.js";
import { actorFromUser } from "./actors.js";
import { hashPassword, MAX_PASSWORD_LENGTH, passwordNeedsRehash, verifyAgainstDummy, verifyPassword } from "./passwords.js";
import { randomToken, sha256Hex } from "./secrets.js";
import { assertNotThrottled, recordLoginAttempt, type AttemptKey } from "./throttle.js";
import { MAX_EMAIL_LENGTH, normaliseEmail } from "./user-fields.js";
import { toUserView, type UserView } from "./user-view.js";

export interface SignInOptions {
  email: string;
  password: string;
  /** Client IP as the HTTP layer resolved it (trust-proxy aware); the throttle keys on it. */
  ip: string;
  userAgent?: string | undefined;
  /** The session cookie the browser still had, if any: it is revoked (rotation on sign-in). */
  previousSessionToken?: string | undefined;
  requestId?: string | undefined;
}

export interface SignInResult {
  /** Goes into the session cookie; only its SHA-256 is stored, so it cannot be read back. */
  token: string;
  /** Echoed by the browser in a header on unsafe requests (see verifyCsrf). */
  csrfToken: string;
  /** Absolute end of the session: the cookie's Expires. */
  expiresAt: Date;
  user: UserView;
}

const MAX_USER_AGENT_LENGTH = 512;
const signInActor = systemActor("sign-in");

/**
 * Signs a person in with email and password and creates a new session.
 * Refusals: rate_limited (with retryAfterSeconds) before any password work;
 * invalid_credentials for an unknown email, a user without a password, or a wrong password,
 * all after one argon2 verification so they take the same time; forbidden for a deactivated
 * account (only said once the password proved who is asking).
 */
export async function signIn(ctx: AppContext, o: SignInOptions): Promise<SignInResult> {
  const email = normaliseEmail(o.email);
  // No policy-valid password is longer than this in UTF-16 units; refuse before any hashing.
  if (email.length > MAX_EMAIL_LENGTH || o.password.length > MAX_PASSWORD_LENGTH * 2) {
    throw new AppError("validation_failed", "Email or password is too long.");
  }
  const key: AttemptKey = { email, ip: o.ip };
  const userAgent = o.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null;
  const startedAt = ctx.clock.now();
  try {
    await assertNotThrottled(ctx.db, key, startedAt);
  } catch (e) {
    await recordLoginAttempt(ctx.db, key, startedAt, false);
    throw e;
  }

  const user = await ctx.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  const passwordOk = user?.password_hash
    ? await verifyPassword(user.password_hash, o.password)
    : await verifyAgainstDummy(o.password);
  const now = ctx.clock.now();

  if (!user || !passwordOk || !user.active) {
    const reason = !user ? "unknown_email" : !passwordOk ? (user.password_hash ? "wrong_password" : "no_password") : "inactive";
    await ctx.db.transaction().execute(async (trx) => {
      await recordLoginAttempt(trx, key, now, false);
      await audit(trx, {
        actor: signInActor,
        action: "session.sign_in_failed",
        at: now,
        subject: user ? { type: "user", id: user.id } : undefined,
        data: { email, ip: o.ip, userAgent, reason },
        requestId: o.requestId,
      });
    });
    if (reason === "inactive") {
      throw new AppError("forbidden", "This account is deactivated. Ask an admin to reactivate it.", {
        details: { reason: "account_inactive" },
      });
    }
    throw new AppError("invalid_credentials", "Email or password is incorrect.");
  }

  // Upgrade hashes made with older parameters while the plain password is at hand.
  const upgradedHash = user.password_hash && passwordNeedsRehash(user.password_hash) ? await hashPassword(o.password) : null;
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3_600_000);
  const view = toUserView(user);

  await ctx.db.transaction().execute(async (trx) => {
    await recordLoginAttempt(trx, key, now, true);
    let rotated = false;
    if (o.previousSessionToken) {
      const revoked = await trx
        .updateTable("sessions")
        .set({ revoked_at: now })
        .where("id_hash", "=", sha256Hex(o.previousSessionToken))
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      rotated = revoked.numUpdatedRows > 0n;
    }
    if (upgradedHash) {
      await trx.updateTable("users").set({ password_hash: upgradedHash }).where("id", "=", user.id).execute();
    }
    await trx
      .insertInto("sessions")
      .values({
        id_hash: sha256Hex(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: o.ip,
        user_agent: userAgent,
        revoked_at: null,
      })
      .execute();
    await audit(trx, {
      actor: actorFromUser(view),
      action: "session.signed_in",
      at: now,
      subject: { type: "user", id: user.id },
      data: { ip: o.ip, userAgent, revokedPreviousSession: rotated, ...(upgradedHash ? { passwordRehashed: true } : {}) },
      requestId: o.requestId,
    });
  });
  return { token, csrfToken, expiresAt, user: view };
}
