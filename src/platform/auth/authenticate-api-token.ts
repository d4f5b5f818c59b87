import type { AppContext } from "../app/context.js";
import type { Role } from "../pack/pack-schema.js";
import { API_TOKEN_PREFIX } from "./api-token-view.js";
import { activityIsStale, sha256Hex } from "./secrets.js";
import { isRole } from "./user-fields.js";

export interface AuthenticateApiTokenOptions {
  /** The bearer token from `Authorization: Bearer trl_…`, without the scheme. */
  token: string | null | undefined;
}

export interface AuthenticatedApiToken {
  tokenId: string;
  name: string;
  role: Role;
}

const MAX_TOKEN_LENGTH = 128;

/**
 * Resolves an API token, or null when it is malformed, unknown, revoked or expired.
 * last_used_at is written at most once a minute so busy integrations do not write per call.
 */
export async function authenticateApiToken(
  ctx: AppContext,
  o: AuthenticateApiTokenOptions,
): Promise<AuthenticatedApiToken | null> {
  if (!o.token || !o.token.startsWith(API_TOKEN_PREFIX) || o.token.length > MAX_TOKEN_LENGTH) return null;
  const row = await ctx.db
    .selectFrom("api_tokens")
    .select(["id", "name", "role", "last_used_at", "expires_at", "revoked_at"])
    .where("token_hash", "=", sha256Hex(o.token))
    .executeTakeFirst();
  const now = ctx.clock.now();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now)) return null;
  if (!isRole(row.role)) return null;

  if (activityIsStale(row.last_used_at, now)) {
    await ctx.db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  return { tokenId: row.id, name: row.name, role: row.role };
}
