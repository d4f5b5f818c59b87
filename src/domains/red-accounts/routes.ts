import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { getRedAccount, listRedAccounts } from "./red-account-view.js";
import { clearRedFlag, RED_FLAG_REASON_MAX, setRedFlag } from "./red-flag.js";
import { ACTION_TITLE_MAX, addAction, updateAction } from "./tracker-actions.js";
import { addComment, COMMENT_MAX, TRACKER_TEXT_MAX, updateTracker } from "./tracker-writes.js";

const TAGS = ["red-accounts"];
const idParams = z.object({ id: z.uuid() });
const reasonBody = z.object({ reason: z.string().trim().min(1).max(RED_FLAG_REASON_MAX) }).strict();

/** S3 API: mark an account red, the red-accounts tracker, its action plan and discussion. */
export function redAccountRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.put(
      "/api/v1/accounts/:id/health/red-flag",
      {
        schema: {
          tags: TAGS,
          summary: "Mark the account red with a reason (champion left): its band is red while flagged and a tracker opens; setting it again changes the reason. Answers the recomputed health",
          params: idParams,
          body: reasonBody,
        },
      },
      async (req) => {
        const view = await setRedFlag(ctx, { accountId: req.params.id, reason: req.body.reason, actor: requirePrincipal(req).actor, requestId: req.id });
        ctx.notifyOutbox();
        return view;
      },
    );

    app.delete(
      "/api/v1/accounts/:id/health/red-flag",
      {
        schema: {
          tags: TAGS,
          summary: "Clear the account's red flag (409 not_flagged without one); the score's band applies again and a yellow or green band resolves the tracker",
          params: idParams,
          body: reasonBody,
        },
      },
      async (req) => clearRedFlag(ctx, { accountId: req.params.id, reason: req.body.reason, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.get(
      "/api/v1/red-accounts",
      {
        schema: {
          tags: TAGS,
          summary: "Red-account trackers: open (default), resolved or all; owner = a user on the account team (AE, CE or TA); accountId = one account's trackers",
          querystring: z
            .object({
              status: z.enum(["open", "resolved", "all"]).default("open"),
              owner: z.uuid().optional(),
              accountId: z.uuid().optional(),
              limit: z.coerce.number().int().min(1).max(200).default(50),
              offset: z.coerce.number().int().min(0).default(0),
            })
            .strict(),
        },
      },
      async (req) => listRedAccounts(ctx, req.query),
    );

    app.get(
      "/api/v1/red-accounts/:id",
      { schema: { tags: TAGS, summary: "One tracker with its action plan and discussion (oldest first)", params: idParams } },
      async (req) => getRedAccount(ctx.db, ctx, req.params.id),
    );

    app.patch(
      "/api/v1/red-accounts/:id",
      {
        schema: {
          tags: TAGS,
          summary: "Record the current state and the business needs (409 red_account_resolved once resolved)",
          params: idParams,
          body: z
            .object({ currentState: z.string().max(TRACKER_TEXT_MAX).optional(), businessNeeds: z.string().max(TRACKER_TEXT_MAX).optional() })
            .strict(),
        },
      },
      async (req) => updateTracker(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.post(
      "/api/v1/red-accounts/:id/actions",
      {
        schema: {
          tags: TAGS,
          summary: "Add an action-plan item (owner: an active user, emailed unless it is you; due by default today + the pack's redAccounts.actionDueDays)",
          params: idParams,
          body: z
            .object({
              title: z.string().trim().min(1).max(ACTION_TITLE_MAX),
              ownerUserId: z.uuid().nullable().optional(),
              dueOn: z.iso.date().nullable().optional(),
            })
            .strict(),
        },
      },
      async (req, reply) => {
        const action = await addAction(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(action);
      },
    );

    app.patch(
      "/api/v1/red-accounts/:id/actions/:actionId",
      {
        schema: {
          tags: TAGS,
          summary: "Edit an action-plan item: title, owner (the new owner is emailed), due day, done",
          params: z.object({ id: z.uuid(), actionId: z.uuid() }),
          body: z
            .object({
              title: z.string().trim().min(1).max(ACTION_TITLE_MAX).optional(),
              ownerUserId: z.uuid().nullable().optional(),
              dueOn: z.iso.date().nullable().optional(),
              done: z.boolean().optional(),
            })
            .strict(),
        },
      },
      async (req) => updateAction(ctx, { id: req.params.id, actionId: req.params.actionId, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.post(
      "/api/v1/red-accounts/:id/comments",
      {
        schema: {
          tags: TAGS,
          summary: "Post to the tracker's discussion thread (the account team and leadership)",
          params: idParams,
          body: z.object({ body: z.string().trim().min(1).max(COMMENT_MAX) }).strict(),
        },
      },
      async (req, reply) => {
        const comment = await addComment(ctx, { id: req.params.id, body: req.body.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(comment);
      },
    );
  };
}
