import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { ACTIVITY_KINDS } from "../health/schema.js";
import { listActivities } from "./activity-view.js";
import { logActivity } from "./log-activity.js";

const idParams = z.object({ id: z.uuid() });
const tags = ["health"];

/** Activities logged on an account: they feed "days since last activity" (S2). */
export function activityRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get("/api/v1/accounts/:id/activities", { schema: { tags, summary: "The account's logged activities, latest first", params: idParams } }, async (req) =>
      listActivities(ctx, req.params.id),
    );

    app.post(
      "/api/v1/accounts/:id/activities",
      {
        schema: {
          tags,
          summary: "Log a call, meeting, email or note (at ≤ now); the health score is recomputed",
          params: idParams,
          body: z
            .object({
              kind: z.enum(ACTIVITY_KINDS),
              at: z.iso.datetime({ offset: true }).optional().describe("When it happened (default now; not in the future)"),
              summary: z.string().trim().min(1).max(4000),
            })
            .strict(),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const activity = await logActivity(ctx, {
          accountId: req.params.id,
          kind: b.kind,
          at: b.at === undefined ? undefined : new Date(b.at),
          summary: b.summary,
          actor: requirePrincipal(req).actor,
          requestId: req.id,
        });
        return reply.status(201).send(activity);
      },
    );
  };
}
