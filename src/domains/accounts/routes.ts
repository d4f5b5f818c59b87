import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import type { AppServer } from "../../platform/http/server.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { ACCOUNT_SORTS, HEALTH_BAND_FILTERS, USAGE_BANDS } from "./account-filters.js";
import { createAccountBody, updateAccountBody } from "./account-input.js";
import { getAccountDetail } from "./account-view.js";
import { contactRoutes } from "./contact-routes.js";
import { createAccount } from "./create-account.js";
import { exportAccountsCsv } from "./export-accounts.js";
import { IMPORT_MAX_BYTES, importAccounts } from "./import-accounts.js";
import { listAccounts } from "./list-accounts.js";
import { listStageHistory } from "./list-stage-history.js";
import { mapInstanceToAccount } from "./map-instance.js";
import { savedViewRoutes } from "./saved-view-routes.js";
import { updateAccount } from "./update-account.js";

const idParams = z.object({ id: z.uuid() });
const tags = ["accounts"];

/** The list's filters, shared by the list and the CSV export. */
const filterQuery = {
  q: z.string().max(200).optional().describe("Part of the name or of any domain"),
  segment: z.string().max(100).optional(),
  stage: z.string().max(100).optional(),
  type: z.string().max(100).optional().describe("Account type"),
  owner: z.uuid().optional().describe("A person in any seat: AE, CE, TA, TPM or IE"),
  inBook: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("In the customer-success book (TA support level set, H1)"),
  renewalFrom: z.iso.date().optional().describe("Contract end on or after"),
  renewalTo: z.iso.date().optional().describe("Contract end on or before"),
  arrMin: z.coerce.number().int().min(0).optional(),
  arrMax: z.coerce.number().int().min(0).optional(),
  usage: z.enum(USAGE_BANDS).optional().describe("MAU per seat: under 50%, 50–80%, 80% and over, or no usage yet"),
  healthBand: z
    .string()
    .max(100)
    .transform((v, c) => {
      const bands = v.split(",").map((b) => b.trim()).filter((b) => b !== "");
      const bad = bands.find((b) => !(HEALTH_BAND_FILTERS as readonly string[]).includes(b));
      if (bad !== undefined) {
        c.addIssue({ code: "custom", message: `Unknown health band "${bad}": use ${HEALTH_BAND_FILTERS.join(", ")}` });
        return z.NEVER;
      }
      return [...new Set(bands)] as (typeof HEALTH_BAND_FILTERS)[number][];
    })
    .optional()
    .describe("Health bands, comma-separated: green, yellow, red, unscored (any of them)"),
  missingData: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional()
    .describe("S1: only accounts whose health score lacks some input (true) or has every input (false)"),
  sort: z.enum(ACCOUNT_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
};

/** Only a JSON string of the CSV travels; its quotes and line breaks may double in size. */
const IMPORT_BODY_LIMIT = 2 * IMPORT_MAX_BYTES + 64 * 1024;

/** The account book (issue 5): list, export/import, create and edit, stage history, instances; contacts and saved views. */
export function accountRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/accounts",
      {
        schema: {
          tags,
          summary: "Accounts, filtered, sorted (ties by id) and paged, with the total",
          querystring: z.object({ ...filterQuery, limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(10_000_000).default(0) }),
        },
      },
      async (req) => listAccounts(ctx, req.query),
    );

    app.get(
      "/api/v1/accounts/export.csv",
      { schema: { tags, summary: "Every account the filters match, as CSV (the import's columns plus stage and segment)", querystring: z.object(filterQuery) } },
      async (req, reply) => {
        const csv = await exportAccountsCsv(ctx, req.query);
        const day = ctx.clock.now().toISOString().slice(0, 10);
        return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="accounts-${day}.csv"`).send(csv);
      },
    );

    app.post(
      "/api/v1/accounts/import",
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary: "Import accounts from CSV (update by CRM id, then domain; else create). All or nothing; dryRun reports every bad row and field",
          body: z.object({ csv: z.string(), dryRun: z.boolean() }).strict(),
        },
      },
      async (req, reply) => {
        const report = await importAccounts(ctx, { ...req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        if (!report.dryRun && report.errors.length > 0) {
          const first = report.errors[0];
          const message = `${report.errors.length} problem${report.errors.length === 1 ? "" : "s"} in the file, nothing imported${first ? ` (row ${first.row}${first.field ? ` ${first.field}` : ""}: ${first.message})` : ""}.`;
          return reply.status(422).send({ error: { code: "validation_failed", message, details: { errors: report.errors } } });
        }
        return report;
      },
    );

    app.post("/api/v1/accounts", { schema: { tags, summary: "Create an account", body: createAccountBody } }, async (req, reply) => {
      const id = await createAccount(ctx, { values: req.body, actor: requirePrincipal(req).actor, requestId: req.id });
      return reply.status(201).send(await getAccountDetail(ctx.db, ctx, id));
    });

    app.get("/api/v1/accounts/:id", { schema: { tags, summary: "One account: deal, team, segment, stage, usage, instances, contacts", params: idParams } }, async (req) =>
      getAccountDetail(ctx.db, ctx, req.params.id),
    );

    app.patch(
      "/api/v1/accounts/:id",
      { schema: { tags, summary: "Edit an account (missing fields stay, null clears); re-segments when developers, ARR or type change", params: idParams, body: updateAccountBody } },
      async (req) => {
        await updateAccount(ctx, { id: req.params.id, patch: req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        return getAccountDetail(ctx.db, ctx, req.params.id);
      },
    );

    app.get("/api/v1/accounts/:id/stage-history", { schema: { tags, summary: "The account's stage moves (L), newest first, with reasons", params: idParams } }, async (req) =>
      listStageHistory(ctx, req.params.id),
    );

    app.post(
      "/api/v1/accounts/:id/instances",
      { schema: { tags, summary: "Map an instance to the account (moves it from another account)", params: idParams, body: z.object({ instanceId: z.uuid() }).strict() } },
      async (req) => {
        await mapInstanceToAccount(ctx, { accountId: req.params.id, instanceId: req.body.instanceId, actor: requirePrincipal(req).actor, requestId: req.id });
        return getAccountDetail(ctx.db, ctx, req.params.id);
      },
    );

    contactRoutes(ctx)(app);
    savedViewRoutes(ctx)(app);
  };
}
