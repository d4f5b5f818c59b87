import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { StaticDocumentSpec } from "@fastify/swagger";
import type { AppServer } from "./server.js";

/** Hop-by-hop or recomputed by the outer reply; never copied from the inner response. */
const NOT_COPIED = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "date"]);

/**
 * Swagger UI at `prefix`, set up on its first request instead of at start-up: its plugin, its
 * static file serving and their dependencies cost start-up time (a restart is an outage) for a
 * page few people open. It runs in a Fastify instance of its own, given the running app's
 * OpenAPI document (complete by then: routes are only added before listen), and each request
 * under `prefix` is passed to it with inject, so the pages are what the plugin serves.
 */
export function registerLazyDocs(app: AppServer, prefix: string, openApiDocument: () => Promise<unknown>): void {
  let docs: Promise<FastifyInstance> | undefined;
  const build = async (): Promise<FastifyInstance> => {
    const [{ default: Fastify }, { default: swagger }, { default: swaggerUi }, document] = await Promise.all([
      import("fastify"),
      import("@fastify/swagger"),
      import("@fastify/swagger-ui"),
      openApiDocument(),
    ]);
    const inner = Fastify({ logger: false });
    // Static mode is typed for OpenAPI 3.0 documents; ours is 3.1, which it serves as it is.
    const specification = { document } as unknown as StaticDocumentSpec;
    await inner.register(swagger, { mode: "static", specification });
    await inner.register(swaggerUi, { routePrefix: prefix });
    await inner.ready();
    return inner;
  };
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    docs ??= build().catch((e: unknown) => {
      docs = undefined; // try again on the next request
      throw e;
    });
    const res = await (await docs).inject({ method: req.method === "HEAD" ? "HEAD" : "GET", url: req.url, headers: req.headers });
    // Unknown paths get the app's own 404 (its error format), as when the plugin was registered here.
    if (res.statusCode === 404) return reply.callNotFound();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined && !NOT_COPIED.has(name.toLowerCase())) void reply.header(name, value);
    }
    void reply.status(res.statusCode);
    return res.rawPayload.length > 0 ? reply.send(res.rawPayload) : reply.send();
  };
  app.get(prefix, { schema: { hide: true } }, handler);
  app.get(`${prefix}/*`, { schema: { hide: true } }, handler);
}
