import { z } from "zod";
import type { AppContext } from "../../../platform/app/context.js";
import type { AppServer } from "../../../platform/http/server.js";
import { requirePrincipal } from "../../../platform/http/require-principal.js";
import { tagsInput, userCountInput } from "../../licenses/license-terms.js";
import { bookCe } from "./book-ce.js";
import { claimLead } from "./claim-lead.js";
import { recordAdminAnswer } from "./record-admin-answer.js";
import { recordDecision } from "./record-decision.js";

const idParams = z.object({ id: z.uuid() });
const note = z.string().trim().max(2000);

/** Longest extension one decision may add (a typo of 3000 days is refused, not granted). */
const MAX_EXTENSION_DAYS = 365;

/** T8–T11 actions on a trial after hand-off: decisions, the admin's answer, PQL claims, CE bookings. */
export function lifecycleRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.post(
      "/api/v1/trials/:id/decision",
      {
        schema: {
          tags: ["trials"],
          summary: "T10: record a decision on a running or ended trial: extend by N days, convert (PQLs only) or terminate",
          params: idParams,
          body: z.object({
            decision: z.enum(["extend", "convert", "terminate"]),
            days: z.number().int().min(1).max(MAX_EXTENSION_DAYS).optional(),
            note: note.optional(),
            userCount: userCountInput.optional(),
            expiresAt: z.iso.datetime({ offset: true }).optional(),
            tags: tagsInput.optional(),
            crmAccountId: z.string().trim().max(100).nullable().optional(),
          }),
        },
      },
      async (req) => {
        const principal = requirePrincipal(req);
        const { expiresAt, ...body } = req.body;
        return recordDecision(ctx, {
          trialId: req.params.id,
          ...body,
          expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt),
          role: principal.role,
          actor: principal.actor,
          requestId: req.id,
        });
      },
    );

    app.post(
      "/api/v1/trials/:id/admin-answered",
      {
        schema: {
          tags: ["trials"],
          summary: "T9: record that the admin answered the unused warning (the trial is not terminated early)",
          params: idParams,
          body: z.object({ note: note.min(1) }),
        },
      },
      async (req) => recordAdminAnswer(ctx, { trialId: req.params.id, note: req.body.note, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.post(
      "/api/v1/leads/:id/claim",
      {
        schema: {
          tags: ["leads"],
          summary: "T11: an AE claims a product-qualified lead (an admin may name the AE) and joins the trial channel",
          params: idParams,
          body: z.object({ aeUserId: z.uuid().optional() }).optional(),
        },
      },
      async (req) => {
        const principal = requirePrincipal(req);
        return claimLead(ctx, {
          leadId: req.params.id,
          aeUserId: req.body?.aeUserId,
          role: principal.role,
          userId: principal.user?.id ?? null,
          actor: principal.actor,
          requestId: req.id,
        });
      },
    );

    app.post(
      "/api/v1/leads/:id/ce-booking",
      {
        schema: {
          tags: ["leads"],
          summary: "T8: a trial user booked time with a CE: the SDR is asked to schedule the CE and the trial channel is created if missing",
          params: idParams,
          body: z.object({ bookedFor: z.iso.datetime({ offset: true }), ceUserId: z.uuid().optional() }),
        },
      },
      async (req) =>
        bookCe(ctx, {
          leadId: req.params.id,
          bookedFor: new Date(req.body.bookedFor),
          ceUserId: req.body.ceUserId,
          actor: requirePrincipal(req).actor,
          requestId: req.id,
        }),
    );
  };
}
