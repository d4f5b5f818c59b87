import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { pageQuery } from "../../platform/http/pagination.js";
import { usageSeries } from "../usage/usage-series.js";
import { featureUses } from "../usage/usage-series.js";
import { createInstance } from "./create-instance.js";
import { instanceKind, instanceStatus } from "./instance-input.js";
import { instanceSummary, loadInstance } from "./instance-view.js";
import { listInstances } from "./list-instances.js";
import { rotateIngestToken, revokeIngestToken } from "./ingest-token-admin.js";
import { updateInstance } from "./update-instance.js";

const idParams = z.object({ id: z.uuid() });
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v === "" ? null : v));

export function instanceRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/instances",
      {
        schema: {
          tags: ["instances"],
          summary: "Instances with their current usage and a 30-day DAU sparkline",
          querystring: z.object({ q: z.string().max(200).optional(), kind: instanceKind.optional(), status: instanceStatus.optional(), ...pageQuery }),
        },
      },
      async (req) => listInstances(ctx, req.query),
    );

    app.post(
      "/api/v1/instances",
      {
        schema: {
          tags: ["instances"],
          summary: "Register an instance; its ingestion token is in this response only",
          body: z.object({
            slug: z.string().trim().toLowerCase().min(1).max(63),
            name: text(200),
            kind: instanceKind,
            company: optionalText(200),
            adminEmail: z.email().max(254).nullable().optional(),
            seats: z.number().int().min(0).max(10_000_000).nullable().optional(),
          }),
        },
      },
      async (req, reply) => {
        const created = await createInstance(ctx, { ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(created);
      },
    );

    app.get("/api/v1/instances/:id", { schema: { tags: ["instances"], summary: "One instance with its metrics and feature adoption", params: idParams } }, async (req) => {
      const row = await loadInstance(ctx, req.params.id);
      const [summary, features] = await Promise.all([instanceSummary(ctx, row), featureUses(ctx, row.id)]);
      return { ...summary, features };
    });

    app.patch(
      "/api/v1/instances/:id",
      {
        schema: {
          tags: ["instances"],
          summary: "Edit name, kind, status, company, admin email or seats",
          params: idParams,
          body: z.object({
            name: text(200).optional(),
            kind: instanceKind.optional(),
            status: instanceStatus.optional(),
            company: optionalText(200),
            adminEmail: z.email().max(254).nullable().optional(),
            seats: z.number().int().min(0).max(10_000_000).nullable().optional(),
          }),
        },
      },
      async (req) => updateInstance(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.get(
      "/api/v1/instances/:id/usage",
      {
        schema: {
          tags: ["instances"],
          summary: "Daily and monthly usage series for charts (zero-filled)",
          params: idParams,
          querystring: z.object({ days: z.coerce.number().int().min(7).max(730).default(90) }),
        },
      },
      async (req) => usageSeries(ctx, await loadInstance(ctx, req.params.id), req.query.days),
    );

    app.post(
      "/api/v1/instances/:id/ingest-token",
      { schema: { tags: ["instances"], summary: "Rotate the ingestion token (the old one stops at once); shown once", params: idParams } },
      async (req) => rotateIngestToken(ctx, { id: req.params.id, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.delete(
      "/api/v1/instances/:id/ingest-token",
      { schema: { tags: ["instances"], summary: "Revoke the ingestion token", params: idParams } },
      async (req, reply) => {
        await revokeIngestToken(ctx, { id: req.params.id, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(204).send();
      },
    );
  };
}
