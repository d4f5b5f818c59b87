import { existsSync } from "node:fs";
import { join } from "node:path";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import cookie from "@fastify/cookie";
import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import fastifyStatic from "@fastify/static";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import type { AppContext } from "../app/context.js";
import { installErrorHandler, installNotFound } from "./error-handler.js";
import { installAccessHooks } from "./access-hooks.js";
import { installJsonBodyParser } from "./json-body-parser.js";
import { registerLazyDocs } from "./lazy-docs.js";
import { lazyOpenApi } from "./lazy-openapi.js";
import type { Authenticator } from "./principal.js";
import { packageRoot } from "./package-root.js";

export type AppServer = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type RouteModule = (app: AppServer) => Promise<void> | void;

export interface BuildServerOptions {
  ctx: AppContext;
  authenticator: Authenticator;
  routes: RouteModule[];
  /** Serve the built web app (web/dist) at /; off in API-only tests. */
  serveWeb?: boolean;
  /** Called by /readyz besides the database check (e.g. "workers started"). */
  readiness?: () => Promise<string | null>;
}

/**
 * Fastify's types tie the factories to Ajv's and fast-json-stringify's signatures; these are
 * exactly what setValidatorCompiler/setSerializerCompiler install, so the cast only widens types.
 */
const zodCompilers = {
  compilersFactory: { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler },
} as unknown as NonNullable<FastifyServerOptions["schemaController"]>;

const OPENAPI: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: "3.1.0",
    info: {
      title: "Trellis API",
      version: "1",
      description:
        "Customer-lifecycle operations. Authenticate with a session cookie (plus x-csrf-token on writes) or `Authorization: Bearer trl_…`. Errors: {\"error\":{\"code\",\"message\",\"details\"}}.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "trellis_session" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
  },
  transform: jsonSchemaTransform,
};

/** Default JSON body limit; routes that need more (imports) raise their own. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export async function buildServer(options: BuildServerOptions): Promise<AppServer> {
  const { ctx } = options;
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: false,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    // The Zod compilers from the start: without them Fastify loads and sets up Ajv and
    // fast-json-stringify, which no route uses (start-up time).
    schemaController: zodCompilers,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installJsonBodyParser(app);
  await app.register(cookie);

  // The document is made on first request (lazy-openapi.ts); its routes are recorded from here.
  const openApiDocument = lazyOpenApi(app, OPENAPI, zodCompilers);
  registerLazyDocs(app, "/api/docs", openApiDocument);
  app.get("/api/openapi.json", { schema: { hide: true } }, () => openApiDocument());

  installAccessHooks(app, options.authenticator);

  app.get("/healthz", { schema: { hide: true } }, () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      const problem = options.readiness ? await options.readiness() : null;
      if (problem) return reply.status(503).send({ status: "unavailable", reason: problem });
      return { status: "ready", engine: ctx.engine };
    } catch (e) {
      return reply.status(503).send({ status: "unavailable", reason: `database: ${(e as Error).message}` });
    }
  });

  for (const register of options.routes) await app.register(async (scope) => register(scope as AppServer));

  const spa = options.serveWeb !== false && (await serveWebApp(app));
  installNotFound(app, spa);
  return app;
}

async function serveWebApp(app: AppServer): Promise<boolean> {
  const root = join(packageRoot(), "web", "dist");
  if (!existsSync(join(root, "index.html"))) {
    app.log.warn(`web app not built (${root} missing): run \`npm run build\`; the API still works.`);
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: ["index.html"],
    cacheControl: false,
    // Hashed asset names never change content: cache for a year. index.html must be revalidated
    // so a new release is picked up on the next load.
    setHeaders(res, path) {
      res.setHeader("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return true;
}
