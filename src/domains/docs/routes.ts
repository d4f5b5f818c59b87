import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { createAccountDoc } from "./create-account-doc.js";
import { DOC_BODY_MAX, DOC_TITLE_MAX } from "./create-doc.js";
import { docTemplates } from "./doc-templates.js";
import { getDocVersion, listDocVersions } from "./doc-versions.js";
import { getDoc, listAccountDocs } from "./doc-view.js";
import { saveDoc } from "./save-doc.js";

const idParams = z.object({ id: z.uuid() });
/**
 * Room for a body at DOC_BODY_MAX characters after JSON escaping and multi-byte UTF-8, so an
 * oversized doc reaches saveDoc and gets its clear message rather than the generic 413.
 */
const DOC_REQUEST_LIMIT = 4 * DOC_BODY_MAX;

/** Rich-text docs on accounts (issue 5): templates, versions, optimistic concurrency. */
export function docRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get("/api/v1/doc-templates", { schema: { tags: ["docs"], summary: "The pack's doc templates ({key, title}) a doc can be created from" } }, async () =>
      docTemplates(ctx.packs.current()),
    );

    app.get("/api/v1/accounts/:id/docs", { schema: { tags: ["docs"], summary: "An account's docs, newest first", params: idParams } }, async (req) =>
      listAccountDocs(ctx.db, req.params.id),
    );

    app.post(
      "/api/v1/accounts/:id/docs",
      {
        schema: {
          tags: ["docs"],
          summary: "Create a doc from a pack template filled with the account's values ({template}), or blank ({title})",
          params: idParams,
          body: z
            .object({
              template: z.string().min(1).max(100).optional(),
              title: z.string().trim().min(1).max(DOC_TITLE_MAX).optional(),
            })
            .strict(),
        },
      },
      async (req, reply) => {
        const doc = await createAccountDoc(ctx, { accountId: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return reply.status(201).send(doc);
      },
    );

    app.get("/api/v1/docs/:id", { schema: { tags: ["docs"], summary: "One doc with its sanitised HTML body", params: idParams } }, async (req) => getDoc(ctx.db, req.params.id));

    app.put(
      "/api/v1/docs/:id",
      {
        bodyLimit: DOC_REQUEST_LIMIT,
        schema: {
          tags: ["docs"],
          summary: `Save a doc as a new version; baseVersion is the version you edited (an older one → 409 conflict); the body is sanitised and at most ${DOC_BODY_MAX} characters`,
          params: idParams,
          body: z
            .object({
              title: z.string().trim().min(1).max(DOC_TITLE_MAX),
              body: z.string(),
              baseVersion: z.number().int().min(1),
            })
            .strict(),
        },
      },
      async (req) => saveDoc(ctx, { docId: req.params.id, ...req.body, actor: requirePrincipal(req).actor, requestId: req.id }),
    );

    app.get(
      "/api/v1/docs/:id/versions",
      {
        schema: {
          tags: ["docs"],
          summary: "A doc's versions, newest first: who saved each and when",
          params: idParams,
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(500).default(100),
              beforeVersion: z.coerce.number().int().min(1).optional(),
            })
            .strict(),
        },
      },
      async (req) => listDocVersions(ctx, { docId: req.params.id, ...req.query }),
    );

    app.get(
      "/api/v1/docs/:id/versions/:version",
      {
        schema: {
          tags: ["docs"],
          summary: "One version of a doc with its body",
          params: z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) }),
        },
      },
      async (req) => getDocVersion(ctx, req.params.id, req.params.version),
    );
  };
}
