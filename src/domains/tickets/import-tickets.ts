import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { AppError } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";
import { lockAccount } from "../accounts/account-records.js";
import { recomputeAccountHealth } from "../health/recompute.js";
import type { SupportTicketRow } from "../health/schema.js";
import { ticketDatesProblem } from "./ticket-checks.js";
import { readTicketRows, type TicketImportError, type TicketImportRow } from "./ticket-csv-rows.js";
import { insertTicket, patchTicket, type TicketFields } from "./ticket-writes.js";

/** One import is one transaction: bigger files are split by the person importing. */
export const TICKET_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const TICKET_IMPORT_MAX_ROWS = 5000;

export interface ImportTicketsOptions {
  csv: string;
  /** Check and count only; nothing is written. */
  dryRun: boolean;
  actor: Actor;
  requestId?: string | undefined;
}

export interface TicketImportReport {
  dryRun: boolean;
  /** Data rows read (blank lines are not counted). */
  rows: number;
  created: number;
  /** Rows whose externalId is already recorded (the ticket is updated to the row). */
  updated: number;
  errors: TicketImportError[];
}

interface PlannedRow {
  row: number;
  accountId: string;
  externalId: string;
  fields: TicketFields;
  existingId: string | null;
}

/**
 * Imports tickets from the help desk's CSV export (docs/tickets.md): a row whose externalId is
 * known updates that ticket, else creates one on the account its domain or CRM id names. All or
 * nothing: with any error nothing is written and every bad row and field is reported. Each
 * account's health is recomputed once, after its tickets are written.
 */
export async function importTickets(ctx: AppContext, o: ImportTicketsOptions): Promise<TicketImportReport> {
  const bytes = Buffer.byteLength(o.csv, "utf8");
  if (bytes > TICKET_IMPORT_MAX_BYTES) {
    throw new AppError("payload_too_large", `csv: the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; one import takes at most ${TICKET_IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`, {
      details: { limitBytes: TICKET_IMPORT_MAX_BYTES, bytes },
    });
  }
  const { rows, errors: cellErrors, dataRows } = readTicketRows(o.csv);
  if (dataRows > TICKET_IMPORT_MAX_ROWS) {
    throw new AppError("payload_too_large", `csv: the file has ${dataRows} rows; one import takes at most ${TICKET_IMPORT_MAX_ROWS}. Split it into smaller files.`, {
      details: { limitRows: TICKET_IMPORT_MAX_ROWS, rows: dataRows },
    });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const badRows = new Set(cellErrors.map((e) => e.row));
    const { plan, errors: planErrors } = await planTicketImport(trx, ctx.clock.now(), rows.filter((r) => !badRows.has(r.row)));
    const errors = [...cellErrors, ...planErrors].sort((a, b) => a.row - b.row);
    const created = plan.filter((p) => p.existingId === null).length;
    const report: TicketImportReport = { dryRun: o.dryRun, rows: dataRows, created, updated: plan.length - created, errors };
    if (o.dryRun || errors.length > 0) return report;
    const write = { actor: o.actor, requestId: o.requestId, deferHealth: true };
    // Accounts are locked in id order so that two imports cannot deadlock.
    const accountIds = [...new Set(plan.map((p) => p.accountId))].sort();
    for (const id of accountIds) await lockAccount(trx, id);
    for (const p of plan) {
      if (p.existingId === null) {
        await insertTicket(trx, ctx, { accountId: p.accountId, source: "csv", externalId: p.externalId, ...p.fields }, write);
      } else {
        const current = await trx.selectFrom("support_tickets").selectAll().where("id", "=", p.existingId).forUpdate().executeTakeFirstOrThrow();
        await patchTicket(trx, ctx, current, p.fields, write);
      }
    }
    for (const id of accountIds) await recomputeAccountHealth(trx, ctx, id, o.actor, "ticket");
    await audit(trx, { actor: o.actor, action: "tickets.imported", at: ctx.clock.now(), data: { rows: dataRows, created: report.created, updated: report.updated }, requestId: o.requestId });
    return report;
  });
}

/** Matches each clean row to its ticket (by externalId) and account, and reports what does not fit. */
async function planTicketImport(trx: Transaction<Database>, now: Date, rows: TicketImportRow[]): Promise<{ plan: PlannedRow[]; errors: TicketImportError[] }> {
  const existing = await ticketsByExternalId(trx, rows.flatMap((r) => (r.externalId ? [r.externalId] : [])));
  const byCrm = await accountsByCrmId(trx, rows.flatMap((r) => (r.accountCrmId ? [r.accountCrmId] : [])));
  const byDomain = await accountsByDomain(trx, rows.flatMap((r) => (r.accountDomain ? [r.accountDomain] : [])));
  const plan: PlannedRow[] = [];
  const errors: TicketImportError[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const { externalId, kind, openedAt } = r;
    if (externalId === undefined || kind === undefined || openedAt === undefined) continue;
    const first = seen.get(externalId);
    if (first !== undefined) {
      errors.push({ row: r.row, field: "externalId", message: `${externalId} is also on row ${first}; a ticket appears once per file` });
      continue;
    }
    seen.set(externalId, r.row);
    const accountId = (r.accountCrmId ? byCrm.get(r.accountCrmId) : undefined) ?? (r.accountDomain ? byDomain.get(r.accountDomain) : undefined);
    if (!accountId) {
      const field = r.accountCrmId && !r.accountDomain ? "accountCrmId" : "accountDomain";
      errors.push({ row: r.row, field, message: `no account has ${[r.accountCrmId ? `CRM id ${r.accountCrmId}` : null, r.accountDomain ? `domain ${r.accountDomain}` : null].filter(Boolean).join(" or ")}` });
      continue;
    }
    const known = existing.get(externalId);
    if (known && known.account_id !== accountId) {
      errors.push({ row: r.row, field: r.accountCrmId ? "accountCrmId" : "accountDomain", message: `ticket ${externalId} is recorded on another account; a ticket does not move between accounts` });
      continue;
    }
    const dates = ticketDatesProblem(openedAt, r.closedAt, now);
    if (dates) {
      errors.push({ row: r.row, field: dates.field, message: dates.problem });
      continue;
    }
    plan.push({ row: r.row, accountId, externalId, existingId: known?.id ?? null, fields: { kind, severity: r.severity, subject: r.subject, openedAt, closedAt: r.closedAt } });
  }
  return { plan, errors };
}

const CHUNK = 1000;

async function ticketsByExternalId(trx: Transaction<Database>, ids: string[]): Promise<Map<string, Pick<SupportTicketRow, "id" | "account_id">>> {
  const out = new Map<string, Pick<SupportTicketRow, "id" | "account_id">>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const found = await trx.selectFrom("support_tickets").select(["id", "account_id", "external_id"]).where("external_id", "in", unique.slice(i, i + CHUNK)).execute();
    for (const t of found) if (t.external_id !== null) out.set(t.external_id, { id: t.id, account_id: t.account_id });
  }
  return out;
}

async function accountsByCrmId(trx: Transaction<Database>, crmIds: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(crmIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    // The oldest account wins when two share a CRM id, as in the webhook.
    const found = await trx.selectFrom("accounts").select(["id", "crm_id"]).where("crm_id", "in", unique.slice(i, i + CHUNK)).orderBy("created_at", "desc").execute();
    for (const a of found) if (a.crm_id !== null) out.set(a.crm_id, a.id);
  }
  return out;
}

async function accountsByDomain(trx: Transaction<Database>, domains: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(domains)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const found = await trx.selectFrom("account_domains").select(["domain", "account_id"]).where("domain", "in", unique.slice(i, i + CHUNK)).execute();
    for (const d of found) out.set(d.domain, d.account_id);
  }
  return out;
}
