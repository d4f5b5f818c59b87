import type { FastifyServerOptions, RouteOptions } from "fastify";
import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { AppServer } from "./server.js";

interface CollectedRoute {
  method: RouteOptions["method"];
  url: string;
  schema: RouteOptions["schema"];
  config: RouteOptions["config"];
}

/**
 * The app's OpenAPI document, made on first request instead of at start-up: @fastify/swagger and
 * what it loads (yaml, a JSON-schema resolver: about a hundred files) cost start-up time (a
 * restart is an outage) for a document few requests ask for. The routes are recorded as they
 * are added (onRoute, installed before any route); the first call replays them, schemas and
 * config as given, into a Fastify instance of its own with @fastify/swagger registered with
 * `options`, so the document is the one the plugin would have made on the app itself.
 * Call it only after the app is ready (routes are only added before that).
 */
export function lazyOpenApi(
  app: AppServer,
  options: FastifyDynamicSwaggerOptions,
  schemaController: NonNullable<FastifyServerOptions["schemaController"]>,
): () => Promise<unknown> {
  const routes: CollectedRoute[] = [];
  app.addHook("onRoute", (r) => {
    // As @fastify/swagger: HEAD routes (Fastify adds one per GET) are not documented.
    if (r.method === "HEAD") return;
    routes.push({ method: r.method, url: r.url, schema: r.schema, config: r.config });
  });
  const build = async (): Promise<unknown> => {
    const [{ default: Fastify }, { default: swagger }] = await Promise.all([import("fastify"), import("@fastify/swagger")]);
    const inner = Fastify({ logger: false, schemaController });
    inner.setValidatorCompiler(validatorCompiler);
    inner.setSerializerCompiler(serializerCompiler);
    await inner.register(swagger, options);
    for (const r of routes) {
      inner.route({ method: r.method, url: r.url, schema: r.schema, config: r.config, handler: () => null });
    }
    await inner.ready();
    const document = inner.swagger();
    await inner.close();
    return document;
  };
  let document: Promise<unknown> | undefined;
  return () =>
    (document ??= build().catch((e: unknown) => {
      document = undefined; // try again on the next request
      throw e;
    }));
}
