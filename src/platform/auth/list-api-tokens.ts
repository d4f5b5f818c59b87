import type { AppContext } from "../app/context.js";
import { toApiTokenView, type ApiTokenView } from "./api-token-view.js";

export interface ListApiTokensOptions {
  /** Revoked tokens are left out unless asked for; expired ones are listed (status "expired"). */
  includeRevoked?: boolean | undefined;
}

/** Newest first. */
export async function listApiTokens(ctx: AppContext, o: ListApiTokensOptions = {}): Promise<ApiTokenView[]> {
  let query = ctx.db.selectFrom("api_tokens").selectAll().orderBy("created_at", "desc").orderBy("id");
  if (!o.includeRevoked) query = query.where("revoked_at", "is", null);
  const rows = await query.execute();
  const now = ctx.clock.now();
  return rows.map((row) => toApiTokenView(row, now));
}
