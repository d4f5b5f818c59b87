import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { pageQuery } from "../../platform/http/pagination.js";
import { createSubscription } from "./create-subscription.js";
import { getLicense, getSubscription } from "./get-subscription.js";
import { issueLicense } from "./issue-license.js";
import { MAX_LICENSE_KEY_LENGTH } from "./license-key.js";
import { licenseeInput, tagsInput, userCountInput } from "./license-terms.js";
import { listSubscriptions } from "./list-subscriptions.js";
import { keyRing, publicKeys } from "./signing-keys.js";
import { verifyLicense } from "./verify-license.js";

const idParams = z.object({ id: z.uuid() });
/** An instant with offset, or a date ("2027-01-01" = that day at 00:00 UTC). */
const expiresAtInput = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s));
const terms = {
  licensee: licenseeInput.optional(),
  userCount: userCountInput,
  tags: tagsInput.default([]),
  expiresAt: expiresAtInput,
};

export function licenseRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    // The signing key exists from the first start (0600, never logged), so a bad keys
    // directory stops the server at start rather than at the first trial approval.
    app.addHook("onReady", async () => {
      keyRing(ctx.config, ctx.log).signing(ctx.clock.now());
    });

    app.get(
      "/api/v1/subscriptions",
      {
        schema: {
          tags: ["licenses"],
          summary: "Subscriptions, newest first, each with its latest license",
          querystring: z.object({
            q: z.string().max(200).optional(),
            kind: z.enum(["trial", "production"]).optional(),
            expiringSoon: z.enum(["true", "false"]).optional(),
            instanceId: z.uuid().optional(),
            ...pageQuery,
          }),
        },
      },
      async (req) => listSubscriptions(ctx, { ...req.query, expiringSoon: req.query.expiringSoon === "true" }),
    );

    app.get("/api/v1/subscriptions/:id", { schema: { tags: ["licenses"], summary: "One subscription with all its licenses, newest first", params: idParams } }, async (req) =>
      getSubscription(ctx, req.params.id),
    );

    app.post(
      "/api/v1/subscriptions",
      {
        schema: {
          tags: ["licenses"],
          summary: "A production subscription and its first license",
          body: z.object({
            name: z.string().trim().min(1).max(200),
            instanceId: z.uuid().nullable().optional(),
            crmAccountId: z.string().trim().max(100).nullable().optional(),
            ...terms,
          }),
        },
      },
      async (req, reply) => {
        const { licensee, ...rest } = req.body;
        const actor = requirePrincipal(req).actor;
        const created = await ctx.db
          .transaction()
          .execute((trx) => createSubscription(trx, ctx, { ...rest, kind: "production", ...(licensee ? { licensee } : {}), actor, requestId: req.id }));
        return reply.status(201).send(created);
      },
    );

    app.post(
      "/api/v1/subscriptions/:id/licenses",
      { schema: { tags: ["licenses"], summary: "Add a license to a subscription (renewal, seat change, extension)", params: idParams, body: z.object(terms) } },
      async (req, reply) => {
        const { licensee, ...rest } = req.body;
        const actor = requirePrincipal(req).actor;
        const created = await ctx.db
          .transaction()
          .execute((trx) => issueLicense(trx, ctx, { ...rest, subscriptionId: req.params.id, ...(licensee ? { licensee } : {}), actor, requestId: req.id }));
        return reply.status(201).send(created);
      },
    );

    app.get("/api/v1/licenses/:id", { schema: { tags: ["licenses"], summary: "One license with its key, decoded payload and verification", params: idParams } }, async (req) =>
      getLicense(ctx, req.params.id),
    );

    app.post(
      "/api/v1/licenses/verify",
      {
        schema: {
          tags: ["licenses"],
          summary: "Check a license key: {valid, reason, message, payload}; reason is malformed, unknown_key, bad_signature or expired",
          body: z.object({ licenseKey: z.string().min(1).max(MAX_LICENSE_KEY_LENGTH) }),
        },
      },
      async (req) => verifyLicense(ctx, req.body.licenseKey),
    );

    app.get(
      "/api/v1/license-keys",
      { schema: { tags: ["licenses"], summary: "Public keys (PEM) that verify license keys offline; no sign-in needed", security: [] } },
      async () => ({ keys: publicKeys(keyRing(ctx.config, ctx.log), ctx.clock.now()) }),
    );
  };
}
