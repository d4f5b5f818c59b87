import { z } from "zod";
import type { AppContext } from "../platform/app/context.js";
import type { AppServer } from "../platform/http/server.js";
import { requirePrincipal } from "../platform/http/require-principal.js";
import { sendTestEmail } from "./smtp/send-test-email.js";
import { listWebhookEndpoints } from "./webhooks/list-webhook-endpoints.js";
import { createWebhookEndpoint } from "./webhooks/create-webhook-endpoint.js";
import { updateWebhookEndpoint } from "./webhooks/update-webhook-endpoint.js";
import { rotateWebhookSecret } from "./webhooks/rotate-webhook-secret.js";

const idParams = z.object({ id: z.string().uuid() });
const eventTypes = z.array(z.string().trim().min(1).max(100)).max(100);

/** What is configured, never the secrets themselves. */
function smtpHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    return null;
  }
}

export function integrationRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get("/api/v1/integrations", { schema: { tags: ["integrations"], summary: "Email, Slack and webhook configuration (no secrets)" } }, async () => ({
      email: { configured: ctx.config.smtpUrl !== undefined, from: ctx.config.mailFrom, host: smtpHost(ctx.config.smtpUrl) },
      slack: { configured: ctx.config.slackToken !== undefined, apiUrl: ctx.config.slackApiUrl },
      webhooks: await listWebhookEndpoints(ctx),
      outboundAllowList: ctx.config.outboundAllowList,
    }));

    app.post(
      "/api/v1/integrations/email/test",
      { schema: { tags: ["integrations"], summary: "Queue a test email to an address", body: z.object({ to: z.email().max(254) }) } },
      async (req, reply) => {
        const sent = await sendTestEmail(ctx, { to: req.body.to, actor: requirePrincipal(req).actor, requestId: req.id });
        ctx.notifyOutbox();
        return reply.status(202).send(sent);
      },
    );

    app.get("/api/v1/webhooks", { schema: { tags: ["webhooks"], summary: "Webhook endpoints (no secrets)" } }, async () => ({
      items: await listWebhookEndpoints(ctx),
    }));

    app.post(
      "/api/v1/webhooks",
      {
        schema: {
          tags: ["webhooks"],
          summary: "Add a webhook endpoint; the signing secret is in this response only",
          body: z.object({ name: z.string().trim().min(1).max(200), url: z.string().max(2000), eventTypes: eventTypes.optional() }),
        },
      },
      async (req, reply) => {
        const created = await createWebhookEndpoint(ctx, { ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(created);
      },
    );

    app.patch(
      "/api/v1/webhooks/:id",
      {
        schema: {
          tags: ["webhooks"],
          summary: "Rename, re-point, re-subscribe, or (de)activate an endpoint",
          params: idParams,
          body: z.object({
            name: z.string().trim().min(1).max(200).optional(),
            url: z.string().max(2000).optional(),
            eventTypes: eventTypes.optional(),
            active: z.boolean().optional(),
          }),
        },
      },
      async (req) => updateWebhookEndpoint(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.post(
      "/api/v1/webhooks/:id/rotate-secret",
      { schema: { tags: ["webhooks"], summary: "Replace the signing secret; the new one is in this response only", params: idParams } },
      async (req) => rotateWebhookSecret(ctx, { id: req.params.id, actor: requirePrincipal(req).actor, requestId: req.id }),
    );
  };
}
