import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { AppServer } from "../../platform/http/server.js";
import { systemActor } from "../../platform/timeline/actor.js";
import { verifyWebhook } from "../../integrations/webhooks/standard-webhooks.js";
import { TICKET_KINDS } from "../health/schema.js";
import { upsertExternalTicket } from "./upsert-ticket.js";

const inboundTicket = z
  .object({
    id: z.string().trim().min(1).max(200).describe("The help desk's ticket id: a repeat updates the same ticket"),
    account: z
      .object({ domain: z.string().trim().min(1).max(253).optional(), crmId: z.string().trim().min(1).max(100).optional() })
      .refine((a) => a.domain !== undefined || a.crmId !== undefined, "needs domain or crmId"),
    kind: z.enum(TICKET_KINDS),
    severity: z.number().int().min(0).max(3).nullable().optional(),
    subject: z.string().trim().max(500).nullable().optional(),
    openedAt: z.iso.datetime({ offset: true }),
    closedAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();

/**
 * The help desk's signed ticket feed (S2 inputs). Public, so the Standard Webhooks signature is
 * checked over the raw body before anything is parsed, with the injected clock for the 5-minute
 * window; its own scope keeps the body as received.
 */
export function inboundTicketRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.removeContentTypeParser("application/json");
    app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => done(null, body));
    app.post(
      "/api/v1/inbound/tickets",
      { bodyLimit: 64 * 1024, schema: { tags: ["health"], summary: "Signed ticket webhook from the help desk: creates the ticket, or updates it on a repeat (idempotent on id)" } },
      async (req, reply) => {
        const secret = ctx.config.ticketsWebhookSecret;
        if (!secret) throw new AppError("unavailable", "The ticket webhook is not configured here (set TRELLIS_TICKETS_WEBHOOK_SECRET); nothing was changed.");
        const raw = typeof req.body === "string" ? req.body : "";
        const verified = verifyWebhook({ secret, headers: req.headers, body: raw, now: ctx.clock.now() });
        if (!verified.ok) throw new AppError("invalid_signature", `Ticket webhook refused: ${verified.reason}; nothing was changed.`);
        let json: unknown;
        try {
          json = JSON.parse(raw);
        } catch (e) {
          throw new AppError("invalid_json", `The body is not valid JSON: ${(e as Error).message}`);
        }
        const parsed = inboundTicket.safeParse(json);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ path: ["body", ...i.path.map(String)], message: i.message }));
          throw new AppError("validation_failed", `${issues[0]?.path.join(".") ?? "body"}: ${issues[0]?.message ?? "is invalid"}`, { details: { issues } });
        }
        const b = parsed.data;
        const { created, ticket } = await upsertExternalTicket(ctx, {
          externalId: b.id,
          account: b.account,
          source: "webhook",
          fields: {
            kind: b.kind,
            severity: b.severity ?? null,
            subject: b.subject ? b.subject : null,
            openedAt: new Date(b.openedAt),
            closedAt: b.closedAt ? new Date(b.closedAt) : null,
          },
          actor: systemActor("ticket webhook"),
          requestId: req.id,
        });
        return reply.status(created ? 201 : 200).send(ticket);
      },
    );
  };
}
