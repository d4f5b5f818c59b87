import type { AppContext } from "../platform/app/context.js";
import type { RouteModule } from "../platform/http/server.js";
import { metaRoutes } from "../platform/app/meta-routes.js";
import { peopleSearch } from "../platform/search/search.js";
import { sessionRoutes } from "../platform/auth/session-routes.js";
import { userRoutes } from "../platform/auth/user-routes.js";
import { timelineRoutes } from "../platform/timeline/routes.js";

/** Every API route module, platform first, then domains. */
export function apiRoutes(ctx: AppContext): RouteModule[] {
  return [metaRoutes(ctx, [peopleSearch]), sessionRoutes(ctx), userRoutes(ctx), timelineRoutes(ctx)];
}
