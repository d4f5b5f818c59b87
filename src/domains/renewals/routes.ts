import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { getForecast } from "./forecast.js";
import { getLighthouse, listLighthouse } from "./lighthouse-view.js";
import { enterLighthouse, exitLighthouse, patchLighthouse, postLighthouseUpdate } from "./lighthouse-writes.js";
import { processRenewal } from "./process-renewal.js";
import { projectRenewal } from "./project-renewal.js";
import { rateRenewal } from "./rate-renewal.js";
import { getRenewal, listAccountRenewals, listRenewals } from "./renewal-view.js";
import { reviewRenewal } from "./review-renewal.js";
import { LIGHTHOUSE_STATUSES, RENEWAL_OUTCOMES, RENEWAL_RATINGS, RENEWAL_STATUSES, REVIEW_DECISIONS } from "./schema.js";

const idParams = z.object({ id: z.uuid() });
const TAGS = ["renewals"];
const LIGHTHOUSE_TAGS = ["lighthouse"];
const money = z.number().min(0).max(1e12);
const text = (max: number) => z.string().max(max);

/** R1–R5 renewals API: the pipeline, the forecast, a renewal's rating, review, projection and processing. */
export function renewalRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/renewals",
      {
        schema: {
          tags: TAGS,
          summary: "Renewal cycles (default: open ones by renewal date): {items, total}",
          querystring: z.object({
            quarter: z.string().regex(/^\d{4}-Q[1-4]$/, "must look like 2026-Q4").optional(),
            status: z.enum([...RENEWAL_STATUSES, "all"]).default("open"),
            rating: z.enum([...RENEWAL_RATINGS, "unrated"]).optional(),
            ownerUserId: z.uuid().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (req) => listRenewals(ctx, req.query),
    );

    app.get(
      "/api/v1/renewals/forecast",
      {
        schema: {
          tags: TAGS,
          summary: "R4 forecast by quarter from the current one (with last week's figures) and this week's renewal changes",
          querystring: z.object({ quarters: z.coerce.number().int().min(1).max(12).default(4) }),
        },
      },
      async (req) => getForecast(ctx, req.query.quarters),
    );

    app.get("/api/v1/renewals/:id", { schema: { tags: TAGS, summary: "One renewal with its notes, outcome and history", params: idParams } }, async (req) => getRenewal(ctx, req.params.id));

    app.get(
      "/api/v1/accounts/:id/renewals",
      { schema: { tags: TAGS, summary: "Every renewal cycle of the account, newest first: {items}", params: idParams } },
      async (req) => listAccountRenewals(ctx, req.params.id),
    );

    app.put(
      "/api/v1/renewals/:id/rating",
      {
        schema: {
          tags: TAGS,
          summary: "R1/R2 rate the renewal green, yellow or red (note required for yellow/red); resets the review; yellow/red enter Lighthouse",
          params: idParams,
          body: z.object({ rating: z.enum(RENEWAL_RATINGS), note: text(5000).nullable().optional() }),
        },
      },
      async (req) => rateRenewal(ctx, { id: req.params.id, rating: req.body.rating, note: req.body.note, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.post(
      "/api/v1/renewals/:id/review",
      {
        schema: {
          tags: TAGS,
          summary: "R1 managers approve the rating or request changes (409 renewal_not_rated without a rating)",
          params: idParams,
          body: z.object({ decision: z.enum(REVIEW_DECISIONS), note: text(5000).nullable().optional() }),
        },
      },
      async (req) => reviewRenewal(ctx, { id: req.params.id, decision: req.body.decision, note: req.body.note, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.put(
      "/api/v1/renewals/:id/projection",
      {
        schema: {
          tags: TAGS,
          summary: "R3 the AE projects the outcome and ARR (full churn 0, partial below, flat equal, incremental above the current ARR)",
          params: idParams,
          body: z.object({ outcome: z.enum(RENEWAL_OUTCOMES), projectedArr: money.optional(), note: text(5000).nullable().optional() }),
        },
      },
      async (req) =>
        projectRenewal(ctx, { id: req.params.id, outcome: req.body.outcome, projectedArr: req.body.projectedArr, note: req.body.note, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.post(
      "/api/v1/renewals/:id/process",
      {
        schema: {
          tags: TAGS,
          summary: "R5 process the renewal: close the cycle, update the account (full churn → attrited), churn retro over the line, open the next cycle when due",
          params: idParams,
          body: z.object({
            outcome: z.enum(RENEWAL_OUTCOMES),
            renewedArr: money.optional(),
            contractStart: z.iso.date().optional(),
            contractEnd: z.iso.date().optional(),
            seats: z.number().int().min(0).max(10_000_000).optional(),
            note: text(5000).nullable().optional(),
          }),
        },
      },
      async (req) => processRenewal(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );
  };
}

/** X Lighthouse save program API. */
export function lighthouseRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/lighthouse",
      {
        schema: {
          tags: LIGHTHOUSE_TAGS,
          summary: "Lighthouse programs (default: active), newest entry first: {items, total}",
          querystring: z.object({
            status: z.enum([...LIGHTHOUSE_STATUSES, "all"]).default("active"),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          }),
        },
      },
      async (req) => listLighthouse(ctx, req.query),
    );

    app.get("/api/v1/lighthouse/:id", { schema: { tags: LIGHTHOUSE_TAGS, summary: "One Lighthouse program with its updates, newest first", params: idParams } }, async (req) => getLighthouse(ctx, req.params.id));

    app.post(
      "/api/v1/accounts/:id/lighthouse",
      {
        schema: { tags: LIGHTHOUSE_TAGS, summary: "Enter the account into Lighthouse ad hoc (409 lighthouse_active when it is in already)", params: idParams, body: z.object({ reason: text(10_000) }) },
      },
      async (req, reply) => {
        const program = await enterLighthouse(ctx, { accountId: req.params.id, reason: req.body.reason, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(program);
      },
    );

    app.patch(
      "/api/v1/lighthouse/:id",
      {
        schema: {
          tags: LIGHTHOUSE_TAGS,
          summary: "Edit the save plan, success criteria and exec sponsor",
          params: idParams,
          body: z.object({ savePlan: text(10_000).optional(), successCriteria: text(10_000).optional(), execSponsorUserId: z.uuid().nullable().optional() }),
        },
      },
      async (req) => patchLighthouse(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.post(
      "/api/v1/lighthouse/:id/updates",
      { schema: { tags: LIGHTHOUSE_TAGS, summary: "Post the weekly update (completes this week's update task)", params: idParams, body: z.object({ body: text(10_000) }) } },
      async (req, reply) => {
        const update = await postLighthouseUpdate(ctx, { id: req.params.id, body: req.body.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(update);
      },
    );

    app.post(
      "/api/v1/lighthouse/:id/exit",
      {
        schema: {
          tags: LIGHTHOUSE_TAGS,
          summary: "Leadership exits the program: the success criteria are met (400 success_criteria_missing when there are none)",
          params: idParams,
          body: z.object({ note: text(10_000) }),
        },
      },
      async (req) => exitLighthouse(ctx, { id: req.params.id, note: req.body.note, actor: requirePrincipal(req).actor, requestId: req.id }),
    );
  };
}
