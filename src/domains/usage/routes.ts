import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { getUsageSettings, setLatestRelease } from "./usage-settings.js";

export function usageSettingsRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get("/api/v1/usage/settings", { schema: { tags: ["usage"], summary: "Latest release, known releases and raw-event retention" } }, async () =>
      getUsageSettings(ctx),
    );
    app.put(
      "/api/v1/usage/settings",
      {
        schema: {
          tags: ["usage"],
          summary: "Set (or clear with null) the latest-release override used for versions behind",
          body: z.object({ latestRelease: z.string().trim().max(50).nullable() }),
        },
      },
      async (req) => setLatestRelease(ctx, { latestRelease: req.body.latestRelease, actor: requirePrincipal(req).actor, requestId: req.id }),
    );
  };
}
