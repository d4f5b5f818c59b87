import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { getAccountDetail } from "../accounts/account-view.js";
import { DEPLOYMENTS } from "../accounts/schema.js";
import { tagsInput } from "../licenses/license-terms.js";
import { assignTa } from "./assign-ta.js";
import { closeAccount } from "./close-account.js";
import { recordKickoff } from "./record-kickoff.js";
import { setSupportLevel } from "./set-support-level.js";

const idParams = z.object({ id: z.uuid() });
const day = z.iso.date();
/** Whole dollars and seats; the upper bound is the int4 column. */
const amount = z.number().int().min(0).max(2_000_000_000);

/** H1 support level, H3 TA assignment, H5 close and H6 kickoff; each answers with the account (AccountDetail). */
export function handoffRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.post(
      "/api/v1/accounts/:id/support-level",
      {
        schema: {
          tags: ["accounts"],
          summary: "H1: set the TA support level; the account enters the customer-success book (0. Prospect) and is segmented (H2)",
          params: idParams,
          body: z.object({ level: z.string().trim().min(1).max(100) }),
        },
      },
      async (req) => {
        await setSupportLevel(ctx, { accountId: req.params.id, level: req.body.level, actor: requirePrincipal(req).actor, requestId: req.id });
        return getAccountDetail(ctx.db, ctx, req.params.id);
      },
    );

    app.post(
      "/api/v1/accounts/:id/ta",
      {
        schema: {
          tags: ["accounts"],
          summary: "H3: assign the technical advisor (a user with role ta), who is emailed",
          params: idParams,
          body: z.object({ taUserId: z.uuid() }),
        },
      },
      async (req) => {
        await assignTa(ctx, { accountId: req.params.id, taUserId: req.body.taUserId, actor: requirePrincipal(req).actor, requestId: req.id });
        return getAccountDetail(ctx.db, ctx, req.params.id);
      },
    );

    app.post(
      "/api/v1/accounts/:id/close",
      {
        schema: {
          tags: ["accounts"],
          summary: "H5: record the signed deal: customer, production license on a new subscription, managed-cloud instance request, stage 1. Onboarding",
          params: idParams,
          body: z.object({
            closedOn: day,
            contractStart: day,
            contractEnd: day,
            arr: amount,
            seats: amount.min(1),
            deployment: z.enum(DEPLOYMENTS),
            adminEmail: z.email().max(254).nullable().optional(),
            licenseTags: tagsInput.optional(),
          }),
        },
      },
      async (req) => {
        await closeAccount(ctx, { accountId: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return getAccountDetail(ctx.db, ctx, req.params.id);
      },
    );

    app.post(
      "/api/v1/accounts/:id/kickoff",
      {
        schema: {
          tags: ["accounts"],
          summary: "H6: record the engagement plan (check-in cadence, trainings, onboarding help); the TA gets its tasks",
          params: idParams,
          body: z.object({
            kickoffOn: day,
            checkInCadence: z.string().trim().min(1).max(100),
            trainings: z
              .array(z.object({ name: z.string().trim().min(1).max(200), dueOn: day.optional() }))
              .max(50)
              .optional(),
            onboardingHelp: z.string().trim().max(2000).optional(),
          }),
        },
      },
      async (req) => {
        await recordKickoff(ctx, { accountId: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return getAccountDetail(ctx.db, ctx, req.params.id);
      },
    );
  };
}
