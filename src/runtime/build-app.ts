import type { AppContext } from "../platform/app/context.js";
import { buildServer, type AppServer } from "../platform/http/server.js";
import { createAuthenticator } from "../platform/auth/authenticator.js";
import { apiRoutes, type ApiServices } from "./api-routes.js";

export interface BuildAppOptions {
  serveWeb?: boolean;
  readiness?: () => Promise<string | null>;
  services?: ApiServices;
}

/** The HTTP application for a context: authentication, every route, and the web app. */
export function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<AppServer> {
  return buildServer({
    ctx,
    authenticator: createAuthenticator(ctx),
    routes: apiRoutes(ctx, options.services),
    ...(options.serveWeb === undefined ? {} : { serveWeb: options.serveWeb }),
    ...(options.readiness ? { readiness: options.readiness } : {}),
  });
}
