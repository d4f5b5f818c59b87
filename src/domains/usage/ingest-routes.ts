import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { FastifyRequest } from "fastify";
import type { FastifySchemaCompiler } from "fastify/types/schema.js";
import { validatorCompiler } from "fastify-type-provider-zod";
import { quickEventBatch } from "./quick-event-batch.js";
import { authenticateInstance } from "./ingest-auth.js";
import type { IngestingInstance } from "./ingest-token.js";
import { IngestGate } from "./ingest-gate.js";
import { eventBatchBody, normalizeSegmentBatch, normalizeTrellisBatch, pingBody, segmentBatchBody } from "./event-input.js";
import { ingestEvents } from "./ingest-events.js";
import { ingestPing } from "./ingest-ping.js";

/** Event batches may be large; pings are small. */
export const EVENTS_BODY_LIMIT = 5 * 1024 * 1024;
const PING_BODY_LIMIT = 64 * 1024;

const ingestResult = z.object({ accepted: z.number(), duplicates: z.number(), duplicateBatch: z.boolean() });
const batchIdHeader = (h: unknown): string | undefined => {
  if (typeof h !== "string") return undefined;
  const v = h.trim();
  return v.length > 0 && v.length <= 200 ? v : undefined;
};

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the ingestion routes' onRequest hook: the instance whose token was sent. */
    ingestingInstance?: IngestingInstance;
  }
}

/** Plainly valid event batches skip the per-event Zod parse; anything else gets the full schema and its errors. */
const eventBatchValidator: FastifySchemaCompiler<unknown> = (route) => {
  const full = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  if (route.httpPart !== "body") return full;
  return (data: unknown) => {
    const quick = quickEventBatch(data);
    return quick ? { value: quick } : full(data);
  };
};

/** Telemetry from product instances, authenticated by each instance's ingestion token. */
export function ingestRoutes(ctx: AppContext) {
  const gate = new IngestGate({ concurrency: ctx.config.ingestConcurrency, queueLimit: ctx.config.ingestQueueLimit, maxWaitMs: 10_000 });
  // Authenticate before the body is parsed and validated: an unknown caller learns nothing about the schema.
  const onRequest = async (req: FastifyRequest) => {
    req.ingestingInstance = await authenticateInstance(ctx.db, req);
  };
  const instanceOf = (req: FastifyRequest): IngestingInstance => {
    if (!req.ingestingInstance) throw new AppError("unauthenticated", "No ingestion token was checked for this request.");
    return req.ingestingInstance;
  };
  return (app: AppServer) => {
    app.post(
      "/api/v1/ingest/events",
      {
        bodyLimit: EVENTS_BODY_LIMIT,
        onRequest,
        validatorCompiler: eventBatchValidator,
        schema: {
          tags: ["ingest"],
          summary: "Send a batch of user activity (Bearer ingestion token). All or nothing; re-sent batches count once.",
          body: eventBatchBody,
          response: { 202: ingestResult },
        },
      },
      async (req, reply) => {
        const result = await gate.run(async () => {
          const instance = instanceOf(req);
          return ingestEvents(ctx, { instance, batchId: req.body.batchId ?? batchIdHeader(req.headers["idempotency-key"]), events: normalizeTrellisBatch(req.body) });
        });
        return reply.status(202).send(result);
      },
    );

    app.post(
      "/api/v1/ingest/segment/batch",
      {
        bodyLimit: EVENTS_BODY_LIMIT,
        onRequest,
        config: { looseBody: true },
        schema: {
          tags: ["ingest"],
          summary: "Segment HTTP API batch (track, identify, group); the write key is the ingestion token",
          body: segmentBatchBody,
          response: { 200: ingestResult.extend({ success: z.literal(true) }) },
        },
      },
      async (req) => {
        const result = await gate.run(async () => {
          const instance = instanceOf(req);
          const events = normalizeSegmentBatch(req.body, ctx.clock.now());
          if (!Array.isArray(events)) {
            throw new AppError("validation_failed", `batch[${events.index}].${events.field}: ${events.message}.`, {
              details: { index: events.index, field: events.field, issues: [{ path: ["body", "batch", events.index, events.field], message: events.message }] },
            });
          }
          return ingestEvents(ctx, { instance, batchId: batchIdHeader(req.headers["idempotency-key"]), events, listName: "batch" });
        });
        return { success: true as const, ...result };
      },
    );

    app.post(
      "/api/v1/ingest/pings",
      {
        bodyLimit: PING_BODY_LIMIT,
        onRequest,
        schema: {
          tags: ["ingest"],
          summary: "Send the instance's daily aggregate (users, DAU/WAU/MAU, code hosts, version, features)",
          body: pingBody,
          response: { 202: z.object({ day: z.string(), replaced: z.boolean() }) },
        },
      },
      async (req, reply) => {
        const result = await gate.run(async () => {
          const instance = instanceOf(req);
          return ingestPing(ctx, { instance, ping: req.body });
        });
        return reply.status(202).send({ day: result.day, replaced: result.replaced });
      },
    );
  };
}
