import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { getAccountHealth, getHealthHistory } from "./health-view.js";
import { recomputeAllHealth } from "./recompute-all.js";
import { setManualTrait } from "./set-trait.js";

const idParams = z.object({ id: z.uuid() });
const TAGS = ["health"];

/** S1–S4 API: an account's health and its history, manual trait edits, and the full recompute. */
export function healthRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/accounts/:id/health",
      { schema: { tags: TAGS, summary: "The account's health score, band, categories, explanation and manual traits (scored now if never scored)", params: idParams } },
      async (req) => getAccountHealth(ctx, req.params.id),
    );

    app.get(
      "/api/v1/accounts/:id/health/history",
      {
        schema: {
          tags: TAGS,
          summary: "The scores set in the last `days` days (default 90), oldest first: the superseded ones, then the one in force",
          params: idParams,
          querystring: z.object({ days: z.coerce.number().int().min(1).max(3660).default(90) }),
        },
      },
      async (req) => getHealthHistory(ctx, req.params.id, req.query.days),
    );

    app.put(
      "/api/v1/accounts/:id/health/traits/:trait",
      {
        schema: {
          tags: TAGS,
          summary: "Set (or with value null clear) a manual trait: TA pulse, active champion, access to buyer; answers the recomputed health",
          params: z.object({ id: z.uuid(), trait: z.string().min(1).max(100) }),
          body: z.object({ value: z.unknown(), note: z.string().max(2000).nullable().optional() }),
        },
      },
      async (req) => {
        const actor = requirePrincipal(req).actor;
        return setManualTrait(ctx, {
          accountId: req.params.id,
          trait: req.params.trait,
          value: req.body.value ?? null,
          note: req.body.note,
          actor,
          requestId: req.id,
        });
      },
    );

    app.post(
      "/api/v1/health/recompute",
      { schema: { tags: TAGS, summary: "Recompute the health of every account that is not archived: {accounts, changed}" } },
      async (req) => {
        const actor = requirePrincipal(req).actor;
        return ctx.db.transaction().execute((trx) => recomputeAllHealth(trx, ctx, actor, "recompute"));
      },
    );
  };
}
