import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { z } from "zod";
import { AppError } from "../errors/app-error.js";
import { accessFor, roleAllowed, type Access } from "./authorization.js";
import type { Authenticator } from "./principal.js";

export const SESSION_COOKIE = "trellis_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyInstance {
    /** "METHOD /api/v1/…" of every API route registered, for the authorization walk. */
    registeredApiRoutes: string[];
  }
  interface FastifyContextConfig {
    /** false for the sign-in route, which has no session yet. */
    csrf?: boolean;
    access?: Access;
    /** Accept unknown body fields (wire formats of other tools, e.g. Segment). */
    looseBody?: boolean;
  }
}

/**
 * Authentication (who is calling) on every request, then per route: the declared access
 * (authorization.ts) and CSRF for cookie sessions on state-changing methods. API routes
 * without a table entry refuse to register, so an unlisted route cannot ship.
 */
export function installAccessHooks(app: FastifyInstance, authenticator: Authenticator): void {
  app.decorateRequest("principal", null);
  const registered: string[] = [];
  app.decorate("registeredApiRoutes", registered);

  app.addHook("onRoute", (route: RouteOptions) => {
    if (!route.url.startsWith("/api/v1/")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      const access = accessFor(method, route.url);
      if (access === undefined) {
        throw new Error(`route ${method} ${route.url} has no entry in src/platform/http/authorization.ts`);
      }
      route.config = { ...(route.config ?? {}), access };
      registered.push(`${method} ${route.url}`);
    }
    if (route.config?.looseBody !== true) strictBodies(route);
    // onRequest (not preHandler): a caller without access gets 401/403 before validation,
    // so a forbidden role learns nothing about a route's body.
    const check = (request: FastifyRequest, reply: FastifyReply) => checkAccess(request, reply);
    route.onRequest = [...toArray(route.onRequest), check];
  });

  app.addHook("onRequest", async (request) => {
    request.principal = null;
    // Instance-token routes authenticate the instance themselves; a person's credentials mean nothing there.
    if (request.routeOptions.config.access === "instance_token") return;
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) {
      const principal = await authenticator.fromApiToken(header.slice(7).trim());
      if (!principal) throw new AppError("unauthenticated", "The API token is unknown, revoked or expired.");
      request.principal = principal;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.principal = await authenticator.fromSessionToken(cookie);
  });
}

async function checkAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access = request.routeOptions.config.access;
  if (access === undefined || access === "public" || access === "instance_token") return;
  const principal = request.principal;
  if (!principal) throw new AppError("unauthenticated", "Sign in first (session cookie or Authorization: Bearer token).");
  if (!roleAllowed(access, principal.role)) {
    throw new AppError("forbidden", `Your role (${principal.role}) may not ${request.method} ${request.routeOptions.url}.`);
  }
  if (principal.via === "session" && !SAFE_METHODS.has(request.method) && request.routeOptions.config.csrf !== false) {
    const sent = request.headers["x-csrf-token"];
    if (typeof sent !== "string" || !principal.csrfToken || !timingSafeEqualText(sent, principal.csrfToken)) {
      throw new AppError("csrf_failed", "Missing or wrong x-csrf-token header; reload the page and try again.");
    }
  }
}

function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Unknown body fields are errors, not silently dropped: every object body schema is strict. */
function strictBodies(route: RouteOptions): void {
  const body = route.schema?.body;
  if (body instanceof z.ZodObject && route.schema) route.schema.body = body.strict();
  const query = route.schema?.querystring;
  if (query instanceof z.ZodObject && route.schema) route.schema.querystring = query.strict();
}

function toArray<T>(v: T | T[] | undefined): T[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
