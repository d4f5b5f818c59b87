import type { Selectable } from "kysely";
import type { ApiTokensTable } from "../db/database.js";
import type { Role } from "../pack/pack-schema.js";
import { AppError } from "../errors/app-error.js";
import { isRole } from "./user-fields.js";

/** Every token starts with this, so secret scanners and people recognise a leaked one. */
export const API_TOKEN_PREFIX = "trl_";
/** How many characters after trl_ are kept in clear to tell tokens apart in a list. */
export const API_TOKEN_DISPLAY_CHARS = 8;

export type ApiTokenStatus = "active" | "expired" | "revoked";

/** A token as lists show it: the first characters only, never the secret or its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  role: Role;
  /** Display form, e.g. "trl_Ab3dEf9h…". */
  display: string;
  status: ApiTokenStatus;
  /** The user who created it, when a person did. */
  createdByUserId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export function toApiTokenView(row: Selectable<ApiTokensTable>, now: Date): ApiTokenView {
  if (!isRole(row.role)) throw new AppError("internal", `API token ${row.id} has the unknown role "${row.role}".`);
  const status: ApiTokenStatus =
    row.revoked_at !== null ? "revoked" : row.expires_at !== null && row.expires_at <= now ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    display: `${API_TOKEN_PREFIX}${row.prefix}…`,
    status,
    createdByUserId: row.user_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
