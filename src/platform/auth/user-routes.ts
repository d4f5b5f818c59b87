import { z } from "zod";
import type { AppContext } from "../app/context.js";
import type { AppServer } from "../http/server.js";
import { requirePrincipal } from "../http/require-principal.js";
import { ROLES } from "../pack/pack-schema.js";
import { createUser } from "./create-user.js";
import { listUsers } from "./list-users.js";
import { updateUser } from "./update-user.js";
import { setPassword } from "./set-password.js";
import { createApiToken } from "./create-api-token.js";
import { listApiTokens } from "./list-api-tokens.js";
import { revokeApiToken } from "./revoke-api-token.js";

const idParams = z.object({ id: z.string().uuid() });
const role = z.enum(ROLES);

export function userRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/users",
      {
        schema: {
          tags: ["people"],
          summary: "Team members (deactivated ones with includeInactive=true)",
          querystring: z.object({ includeInactive: z.enum(["true", "false"]).optional(), role: role.optional() }),
        },
      },
      async (req) => ({
        items: await listUsers(ctx, { includeInactive: req.query.includeInactive === "true", role: req.query.role }),
      }),
    );

    app.post(
      "/api/v1/users",
      {
        schema: {
          tags: ["people"],
          summary: "Add a team member",
          body: z.object({
            email: z.email().max(254),
            name: z.string().trim().min(1).max(200),
            role,
            password: z.string().min(12).max(1024).optional(),
            bookingUrl: z.url().max(2000).nullable().optional(),
          }),
        },
      },
      async (req, reply) => {
        const user = await createUser(ctx, { ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(user);
      },
    );

    app.patch(
      "/api/v1/users/:id",
      {
        schema: {
          tags: ["people"],
          summary: "Change a team member's name, role, booking link or active flag",
          params: idParams,
          body: z.object({
            name: z.string().trim().min(1).max(200).optional(),
            role: role.optional(),
            bookingUrl: z.url().max(2000).nullable().optional(),
            active: z.boolean().optional(),
          }),
        },
      },
      async (req) => updateUser(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.post(
      "/api/v1/users/:id/password",
      {
        schema: {
          tags: ["people"],
          summary: "Set a team member's password (signs them out everywhere)",
          params: idParams,
          body: z.object({ password: z.string().min(12).max(1024) }),
        },
      },
      async (req, reply) => {
        await setPassword(ctx, { userId: req.params.id, password: req.body.password, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(204).send();
      },
    );

    app.get("/api/v1/api-tokens", { schema: { tags: ["api tokens"], summary: "API tokens (never their secrets)" } }, async () => ({
      items: await listApiTokens(ctx, {}),
    }));

    app.post(
      "/api/v1/api-tokens",
      {
        schema: {
          tags: ["api tokens"],
          summary: "Create an API token; the secret is in this response only",
          body: z.object({ name: z.string().trim().min(1).max(200), role, expiresAt: z.iso.datetime({ offset: true }).nullable().optional() }),
        },
      },
      async (req, reply) => {
        const { expiresAt, ...rest } = req.body;
        const token = await createApiToken(ctx, {
          ...rest,
          expiresAt: expiresAt ? new Date(expiresAt) : null,
          actor: requirePrincipal(req).actor,
          requestId: req.id,
        });
        return reply.status(201).send(token);
      },
    );

    app.delete(
      "/api/v1/api-tokens/:id",
      { schema: { tags: ["api tokens"], summary: "Revoke an API token", params: idParams } },
      async (req) => revokeApiToken(ctx, { id: req.params.id, actor: requirePrincipal(req).actor, requestId: req.id }),
    );
  };
}
