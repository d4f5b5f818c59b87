import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { TICKET_KINDS } from "../health/schema.js";
import { createTicket } from "./create-ticket.js";
import { listTickets } from "./ticket-view.js";
import { updateTicket } from "./update-ticket.js";

const idParams = z.object({ id: z.uuid() });
const tags = ["health"];
const severity = z.number().int().min(0).max(3).nullable().describe("0 (most severe) … 3, as in the support SLAs");
const subject = z
  .string()
  .trim()
  .max(500)
  .nullable()
  .transform((v) => (v === "" ? null : v));

/** Support tickets by hand or API client (S2); the signed webhook and the CSV import are beside. */
export function ticketRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/accounts/:id/tickets",
      {
        schema: {
          tags,
          summary: "The account's support tickets, latest opened first",
          params: idParams,
          querystring: z.object({
            open: z.enum(["true", "false"]).optional().describe("true: open ones only; false: closed ones only"),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
      },
      async (req) => listTickets(ctx, req.params.id, { open: req.query.open === undefined ? undefined : req.query.open === "true", limit: req.query.limit }),
    );

    app.post(
      "/api/v1/accounts/:id/tickets",
      {
        schema: {
          tags,
          summary: "Record a support ticket (defect or help); the health score is recomputed",
          params: idParams,
          body: z
            .object({
              kind: z.enum(TICKET_KINDS),
              severity: severity.optional(),
              subject: subject.optional(),
              openedAt: z.iso.datetime({ offset: true }).optional().describe("Default now; not in the future"),
              externalId: z.string().trim().min(1).max(200).optional().describe("The help desk's id (unique)"),
            })
            .strict(),
        },
      },
      async (req, reply) => {
        const b = req.body;
        const ticket = await createTicket(ctx, {
          accountId: req.params.id,
          kind: b.kind,
          severity: b.severity,
          subject: b.subject,
          openedAt: b.openedAt === undefined ? undefined : new Date(b.openedAt),
          externalId: b.externalId,
          actor: requirePrincipal(req).actor,
          requestId: req.id,
        });
        return reply.status(201).send(ticket);
      },
    );

    app.patch(
      "/api/v1/tickets/:id",
      {
        schema: {
          tags,
          summary: "Close (closedAt), reopen (closedAt null), re-kind or re-grade a ticket",
          params: idParams,
          body: z
            .object({
              closedAt: z.iso.datetime({ offset: true }).nullable().optional(),
              kind: z.enum(TICKET_KINDS).optional(),
              severity: severity.optional(),
              subject: subject.optional(),
            })
            .strict(),
        },
      },
      async (req) => {
        const b = req.body;
        return updateTicket(ctx, {
          id: req.params.id,
          patch: {
            ...(b.kind === undefined ? {} : { kind: b.kind }),
            ...(b.severity === undefined ? {} : { severity: b.severity }),
            ...(b.subject === undefined ? {} : { subject: b.subject }),
            ...(b.closedAt === undefined ? {} : { closedAt: b.closedAt === null ? null : new Date(b.closedAt) }),
          },
          actor: requirePrincipal(req).actor,
          requestId: req.id,
        });
      },
    );
  };
}
