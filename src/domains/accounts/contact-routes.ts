import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { listContacts } from "./contact-view.js";
import { createContact } from "./create-contact.js";
import { deleteContact } from "./delete-contact.js";
import { updateContact } from "./update-contact.js";

const idParams = z.object({ id: z.uuid() });
const tags = ["accounts"];
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === "" ? null : v));
const contactFields = {
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254).nullable().optional(),
  title: optionalText(200),
  roles: z.array(z.string().max(100)).max(50).optional().describe("Contact roles from the pack (accounts.contactRoles), any number"),
};

/** An account's contacts with their roles (X). */
export function contactRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get("/api/v1/accounts/:id/contacts", { schema: { tags, summary: "The account's contacts", params: idParams } }, async (req) => listContacts(ctx, req.params.id));

    app.post(
      "/api/v1/accounts/:id/contacts",
      { schema: { tags, summary: "Add a contact (one per email on an account); a role tags it", params: idParams, body: z.object(contactFields).strict() } },
      async (req, reply) => {
        const contact = await createContact(ctx, { accountId: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(contact);
      },
    );

    app.patch(
      "/api/v1/contacts/:id",
      { schema: { tags, summary: "Edit a contact (missing fields stay, null clears)", params: idParams, body: z.object({ ...contactFields, name: contactFields.name.optional() }).strict() } },
      async (req) => updateContact(ctx, { id: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.delete("/api/v1/contacts/:id", { schema: { tags, summary: "Remove a contact", params: idParams } }, async (req, reply) => {
      await deleteContact(ctx, { id: req.params.id, actor: requirePrincipal(req).actor, requestId: req.id });
      return reply.status(204).send();
    });
  };
}
