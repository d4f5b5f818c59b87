import { randomUUID } from "node:crypto";
import type { AppContext } from "../app/context.js";
import { AppError } from "../errors/app-error.js";
import { audit } from "../timeline/record.js";
import type { Actor } from "../timeline/actor.js";
import { API_TOKEN_DISPLAY_CHARS, API_TOKEN_PREFIX, toApiTokenView, type ApiTokenView } from "./api-token-view.js";
import { randomToken, sha256Hex } from "./secrets.js";
import { validName, validRole } from "./user-fields.js";

export interface CreateApiTokenOptions {
  /** What uses it ("billing sync"), shown in lists and the audit log. */
  name: string;
  /** The role its requests act with. */
  role: string;
  /** Omitted or null: never expires (until revoked). */
  expiresAt?: Date | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

export interface CreatedApiToken extends ApiTokenView {
  /** The secret, returned this once: only its SHA-256 is stored. */
  token: string;
}

export async function createApiToken(ctx: AppContext, o: CreateApiTokenOptions): Promise<CreatedApiToken> {
  const name = validName(o.name, "name", 100);
  const role = validRole(o.role);
  const now = ctx.clock.now();
  const expiresAt = o.expiresAt ?? null;
  if (expiresAt !== null && (Number.isNaN(expiresAt.getTime()) || expiresAt <= now)) {
    throw new AppError("validation_failed", "Expiry must be a date in the future.", { details: { field: "expiresAt" } });
  }
  const secret = randomToken(32);
  const token = `${API_TOKEN_PREFIX}${secret}`;

  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("api_tokens")
      .values({
        id: randomUUID(),
        name,
        token_hash: sha256Hex(token),
        prefix: secret.slice(0, API_TOKEN_DISPLAY_CHARS),
        role,
        // Who made it, for accountability; the token does not act as (or depend on) that user.
        user_id: o.actor.type === "user" ? o.actor.id : null,
        created_at: now,
        last_used_at: null,
        expires_at: expiresAt,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = toApiTokenView(row, now);
    await audit(trx, {
      actor: o.actor,
      action: "api_token.created",
      at: now,
      subject: { type: "api_token", id: row.id },
      data: { name, role, display: view.display, expiresAt: expiresAt?.toISOString() ?? null },
      requestId: o.requestId,
    });
    return { ...view, token };
  });
}
