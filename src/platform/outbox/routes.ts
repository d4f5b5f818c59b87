import { z } from "zod";
import type { AppContext } from "../app/context.js";
import type { AppServer } from "../http/server.js";
import { requirePrincipal } from "../http/require-principal.js";
import { OUTBOX_STATUSES } from "./outbox-view.js";
import { listOutbox } from "./list-outbox.js";
import { getOutboxItem } from "./get-outbox-item.js";
import { replayOutboxItem } from "./replay-outbox-item.js";

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function outboxRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/outbox",
      {
        schema: {
          tags: ["outbox"],
          summary: "Every delivery (email, webhook…) with its status, attempts and last error",
          querystring: z.object({
            status: z.enum(OUTBOX_STATUSES).optional(),
            channel: z.string().max(50).optional(),
            cursor: z.string().max(20).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
      },
      async (req) => listOutbox(ctx, req.query),
    );

    app.get(
      "/api/v1/outbox/:id",
      { schema: { tags: ["outbox"], summary: "One delivery with its payload and every attempt", params: idParams } },
      async (req) => getOutboxItem(ctx, { id: req.params.id }),
    );

    app.post(
      "/api/v1/outbox/:id/replay",
      {
        schema: {
          tags: ["outbox"],
          summary: "Deliver a dead or cancelled item again (attempts start over)",
          params: idParams,
          body: z.object({ reason: z.string().max(500).optional() }).optional(),
        },
      },
      async (req) => {
        const item = await replayOutboxItem(ctx, {
          id: req.params.id,
          actor: requirePrincipal(req).actor,
          reason: req.body?.reason,
          requestId: req.id,
        });
        ctx.notifyOutbox();
        return item;
      },
    );
  };
}
