import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { getAccountDetail } from "../accounts/account-view.js";
import { clearStageOverride, setStageOverride } from "./stage-override.js";

const idParams = z.object({ id: z.uuid() });

/** L: the manual stage (kept until cleared); each answers with the account (AccountDetail). */
export function stageRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.post(
      "/api/v1/accounts/:id/stage-override",
      {
        schema: {
          tags: ["accounts"],
          summary: "L: set the stage by hand (key like adopting, or the pack's name like 2. Adopting) with a reason; it holds until cleared",
          params: idParams,
          body: z.object({ stage: z.string().trim().min(1).max(100), reason: z.string().trim().min(1).max(2000) }),
        },
      },
      async (req) => {
        await setStageOverride(ctx, { accountId: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return getAccountDetail(ctx.db, ctx, req.params.id);
      },
    );

    app.delete(
      "/api/v1/accounts/:id/stage-override",
      { schema: { tags: ["accounts"], summary: "L: clear the manual stage; the computed stage applies again", params: idParams } },
      async (req) => {
        await clearStageOverride(ctx, { accountId: req.params.id, actor: requirePrincipal(req).actor, requestId: req.id });
        return getAccountDetail(ctx.db, ctx, req.params.id);
      },
    );
  };
}
