import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { answerAccessRequest, listAccessRequests } from "./access-requests.js";
import { trialCapacity } from "./capacity.js";
import { decideQualification } from "./decide-qualification.js";
import { listFailedSignups, replaySignup } from "./failed-signups.js";
import { leadDetail } from "./lead-view.js";
import { listLeads } from "./list-leads.js";
import { listTrials } from "./list-trials.js";
import { assignTrial, retryProvisioning } from "./manage-provisioning.js";
import { reportProvisioning } from "./report-provisioning.js";
import { TRIAL_STATES, type TrialState } from "./schema.js";
import { trialViews } from "./trial-view.js";

const idParams = z.object({ id: z.uuid() });
const states = z
  .string()
  .max(200)
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(TRIAL_STATES as [TrialState, ...TrialState[]])));

/** Leads, qualification (T4), trials board, provisioning by hand (T6), failed signups (T2), access requests (T3). */
export function trialRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/leads",
      {
        schema: {
          tags: ["trials"],
          summary: "Leads newest first, or the qualification queue oldest first",
          querystring: z.object({
            queue: z.literal("qualification").optional(),
            status: z.string().max(100).optional(),
            q: z.string().max(200).optional(),
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
      },
      async (req) => listLeads(ctx, req.query),
    );

    app.get("/api/v1/leads/:id", { schema: { tags: ["trials"], summary: "A lead with its checks, trial, capacity and access requests", params: idParams } }, async (req) =>
      leadDetail(ctx, req.params.id),
    );

    app.post(
      "/api/v1/leads/:id/qualification",
      {
        schema: {
          tags: ["trials"],
          summary: "Approve (T4.1), disqualify (T4.2) or un-qualify (T4.3) a trial request",
          params: idParams,
          body: z.object({
            decision: z.enum(["approve", "disqualify", "unqualify"]),
            slug: z.string().trim().toLowerCase().min(1).max(63).nullable().optional(),
            reason: z.string().trim().max(2000).nullable().optional(),
          }),
        },
      },
      async (req) => {
        await decideQualification(ctx, { leadId: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return leadDetail(ctx, req.params.id);
      },
    );

    app.get(
      "/api/v1/trials",
      {
        schema: {
          tags: ["trials"],
          summary: "The trials board: open trials with SLA clock, queue place and usage, and capacity (T5)",
          querystring: z.object({
            state: states.optional(),
            owner: z.literal("me").optional(),
            q: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(200),
          }),
        },
      },
      async (req) => {
        const principal = requirePrincipal(req);
        const ownerId = req.query.owner === "me" && principal.actor.type === "user" ? principal.actor.id : undefined;
        return listTrials(ctx, { states: req.query.state, ownerId, q: req.query.q, limit: req.query.limit });
      },
    );

    app.get("/api/v1/trials/capacity", { schema: { tags: ["trials"], summary: "Trial instance capacity (T5)" } }, async () => trialCapacity(ctx.db, ctx.packs.current()));

    app.get("/api/v1/trials/:id", { schema: { tags: ["trials"], summary: "One trial", params: idParams } }, async (req) => {
      const row = await ctx.db.selectFrom("trials").selectAll().where("id", "=", req.params.id).executeTakeFirst();
      if (!row) throw notFound("Trial", req.params.id);
      return (await trialViews(ctx, [row]))[0];
    });

    app.post(
      "/api/v1/trials/:id/assign",
      { schema: { tags: ["trials"], summary: "\"I'm taking it\" (T6): take the trial, or give it to userId", params: idParams, body: z.object({ userId: z.uuid().optional(), reassign: z.boolean().optional() }).nullish() } },
      async (req) => {
        const principal = requirePrincipal(req);
        const userId = req.body?.userId ?? (principal.actor.type === "user" ? principal.actor.id : undefined);
        if (!userId) throw new AppError("validation_failed", "userId: an API token has no person behind it; say whom to assign.", { details: { issues: [{ path: ["body", "userId"], message: "is required with an API token" }] } });
        const trial = await assignTrial(ctx, { trialId: req.params.id, userId, reassign: req.body?.reassign ?? false, actor: principal.actor, requestId: req.id });
        return (await trialViews(ctx, [trial]))[0];
      },
    );

    app.post(
      "/api/v1/trials/:id/ready",
      {
        schema: {
          tags: ["trials"],
          summary: "Manual provisioner: the instance is ready (hands it off, T7); the ingestion token is in this response only",
          params: idParams,
          body: z.object({ instanceUrl: z.url().max(2000), passwordResetUrl: z.url().max(4000) }),
        },
      },
      async (req) => {
        const result = await reportProvisioning(ctx, { trialId: req.params.id, report: { status: "ready", ...req.body }, actor: requirePrincipal(req).actor, requestId: req.id });
        if (result.status !== "ready") throw new Error("unreachable: a ready report hands off");
        return { trial: (await trialViews(ctx, [result.handedOff.trial]))[0], instanceId: result.handedOff.instanceId, ingestToken: result.handedOff.ingestToken };
      },
    );

    app.post(
      "/api/v1/trials/:id/provisioning-failed",
      { schema: { tags: ["trials"], summary: "Manual provisioner: provisioning failed", params: idParams, body: z.object({ error: z.string().trim().min(1).max(2000) }) } },
      async (req) => {
        const result = await reportProvisioning(ctx, { trialId: req.params.id, report: { status: "failed", error: req.body.error }, actor: requirePrincipal(req).actor, requestId: req.id });
        return (await trialViews(ctx, [result.status === "failed" ? result.trial : result.handedOff.trial]))[0];
      },
    );

    app.post("/api/v1/trials/:id/retry-provisioning", { schema: { tags: ["trials"], summary: "Send the provisioning request again", params: idParams } }, async (req) => {
      const trial = await retryProvisioning(ctx, { trialId: req.params.id, actor: requirePrincipal(req).actor, requestId: req.id });
      return (await trialViews(ctx, [trial]))[0];
    });

    app.get("/api/v1/signups/failed", { schema: { tags: ["trials"], summary: "Signups whose processing failed, kept for replay (T2)" } }, async () => ({ items: await listFailedSignups(ctx) }));

    app.post("/api/v1/signups/:id/replay", { schema: { tags: ["trials"], summary: "Process a failed signup again (T2)", params: idParams } }, async (req) =>
      replaySignup(ctx, { id: req.params.id, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.get(
      "/api/v1/access-requests",
      { schema: { tags: ["trials"], summary: "Access requests to existing instances (T3)", querystring: z.object({ status: z.enum(["open", "granted", "declined"]).optional() }) } },
      async (req) => ({ items: await listAccessRequests(ctx, { status: req.query.status }) }),
    );

    app.post(
      "/api/v1/access-requests/:id/answer",
      { schema: { tags: ["trials"], summary: "Record the instance admin's answer (T3)", params: idParams, body: z.object({ status: z.enum(["granted", "declined"]), note: z.string().trim().max(2000).nullable().optional() }) } },
      async (req) => answerAccessRequest(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );
  };
}
