import type { AppContext } from "../app/context.js";
import { notFound } from "../errors/app-error.js";
import { audit } from "../timeline/record.js";
import type { Actor } from "../timeline/actor.js";
import { toApiTokenView, type ApiTokenView } from "./api-token-view.js";
import { isUuid } from "./secrets.js";

export interface RevokeApiTokenOptions {
  id: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * Revokes a token; its next request is refused. Idempotent: revoking a revoked token returns it
 * unchanged and writes no second audit row.
 */
export async function revokeApiToken(ctx: AppContext, o: RevokeApiTokenOptions): Promise<ApiTokenView> {
  if (!isUuid(o.id)) throw notFound("API token", o.id);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: now })
      .where("id", "=", o.id)
      .where("revoked_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!revoked) {
      const existing = await trx.selectFrom("api_tokens").selectAll().where("id", "=", o.id).executeTakeFirst();
      if (!existing) throw notFound("API token", o.id);
      return toApiTokenView(existing, now);
    }
    await audit(trx, {
      actor: o.actor,
      action: "api_token.revoked",
      at: now,
      subject: { type: "api_token", id: revoked.id },
      data: { name: revoked.name, role: revoked.role },
      requestId: o.requestId,
    });
    return toApiTokenView(revoked, now);
  });
}
