import type { AppContext } from "../app/context.js";
import { activityIsStale, sha256Hex } from "./secrets.js";
import { toUserView, type UserView } from "./user-view.js";

export interface AuthenticateSessionOptions {
  /** The session cookie's value; undefined or empty when there is none. */
  token: string | null | undefined;
}

export interface SessionInfo {
  createdAt: Date;
  lastSeenAt: Date;
  /** Absolute end, fixed at sign-in. */
  expiresAt: Date;
  /** When the session ends if no request arrives before then. */
  idleExpiresAt: Date;
}

export interface AuthenticatedSession {
  user: UserView;
  session: SessionInfo;
  /** Compare with the request's CSRF header through verifyCsrf. */
  csrfToken: string;
}

/** Our tokens are 43 characters; anything far off is refused without a query. */
const MAX_TOKEN_LENGTH = 128;

/**
 * Resolves a session cookie to its user, or null when the session is unknown, revoked, past
 * its absolute end, idle for longer than sessionIdleMinutes, or its user is deactivated.
 * last_seen_at slides at most once a minute, so most requests cost one read and no write.
 */
export async function authenticateSession(
  ctx: AppContext,
  o: AuthenticateSessionOptions,
): Promise<AuthenticatedSession | null> {
  if (!o.token || o.token.length > MAX_TOKEN_LENGTH) return null;
  const idHash = sha256Hex(o.token);
  const row = await ctx.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.csrf_token",
      "sessions.created_at as session_created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.revoked_at",
    ])
    .where("sessions.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || !row.active) return null;

  const now = ctx.clock.now();
  const idleMs = ctx.config.sessionIdleMinutes * 60_000;
  if (now >= row.expires_at || now.getTime() - row.last_seen_at.getTime() >= idleMs) return null;

  let lastSeenAt = row.last_seen_at;
  if (activityIsStale(lastSeenAt, now)) {
    await ctx.db
      .updateTable("sessions")
      .set({ last_seen_at: now })
      .where("id_hash", "=", idHash)
      .where("last_seen_at", "<", now)
      .execute();
    lastSeenAt = now;
  }
  const idleExpiresAt = new Date(Math.min(lastSeenAt.getTime() + idleMs, row.expires_at.getTime()));
  return {
    user: toUserView(row),
    session: { createdAt: row.session_created_at, lastSeenAt, expiresAt: row.expires_at, idleExpiresAt },
    csrfToken: row.csrf_token,
  };
}
