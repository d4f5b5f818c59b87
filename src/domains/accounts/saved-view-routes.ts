import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { createSavedView, deleteSavedView, listSavedViews } from "./saved-views.js";

const page = z.string().trim().min(1).max(50).regex(/^[a-z][a-z0-9_-]*$/, "is a page key such as accounts or tasks");

/** Saved list views: mine plus the shared ones; only the owner deletes. */
export function savedViewRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get("/api/v1/saved-views", { schema: { tags: ["accounts"], summary: "My saved views and the shared ones for a list page", querystring: z.object({ page }) } }, async (req) =>
      listSavedViews(ctx, { page: req.query.page, userId: requirePrincipal(req).user?.id ?? null }),
    );

    app.post(
      "/api/v1/saved-views",
      {
        schema: {
          tags: ["accounts"],
          summary: "Save the list's filters under a name (shared: colleagues see it too)",
          body: z
            .object({
              page,
              name: z.string().trim().min(1).max(100),
              query: z.record(z.string().max(100), z.unknown()).refine((q) => JSON.stringify(q).length <= 4000, "is longer than 4,000 characters as JSON"),
              shared: z.boolean().optional(),
            })
            .strict(),
        },
      },
      async (req, reply) => {
        const principal = requirePrincipal(req);
        const view = await createSavedView(ctx, { ...req.body, shared: req.body.shared ?? false, userId: principal.user?.id ?? null, actor: principal.actor, requestId: req.id });
        return reply.status(201).send(view);
      },
    );

    app.delete("/api/v1/saved-views/:id", { schema: { tags: ["accounts"], summary: "Delete one of my saved views", params: z.object({ id: z.uuid() }) } }, async (req, reply) => {
      const principal = requirePrincipal(req);
      await deleteSavedView(ctx, { id: req.params.id, userId: principal.user?.id ?? null, actor: principal.actor, requestId: req.id });
      return reply.status(204).send();
    });
  };
}
