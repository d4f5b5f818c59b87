import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { importTickets, TICKET_IMPORT_MAX_BYTES } from "./import-tickets.js";

/** The JSON envelope around the CSV: escaping can double its size. */
const IMPORT_BODY_LIMIT = TICKET_IMPORT_MAX_BYTES * 2 + 4096;

/** Tickets from the help desk's CSV export (S2 inputs): all or nothing, upsert by externalId. */
export function ticketImportRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.post(
      "/api/v1/tickets/import",
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ["health"],
          summary: "Import support tickets from CSV (update by externalId, else create). All or nothing; dryRun reports every bad row and field",
          body: z.object({ csv: z.string(), dryRun: z.boolean() }).strict(),
        },
      },
      async (req, reply) => {
        const report = await importTickets(ctx, { ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        if (!report.dryRun && report.errors.length > 0) {
          const first = report.errors[0];
          const message = `${report.errors.length} problem${report.errors.length === 1 ? "" : "s"} in the file, nothing imported${first ? ` (row ${first.row}${first.field ? ` ${first.field}` : ""}: ${first.message})` : ""}.`;
          return reply.status(422).send({ error: { code: "validation_failed", message, details: { errors: report.errors } } });
        }
        return report;
      },
    );
  };
}
