import { csvRefused, readCsvRecords, type CsvRowError } from "../accounts/csv-records.js";
import { normalizeDomain } from "../accounts/account-domains.js";
import { TICKET_KINDS, type TicketKind } from "../health/schema.js";

/** The ticket import's columns (docs/tickets.md); the account is named by domain or CRM id. */
export const TICKET_IMPORT_COLUMNS = ["externalId", "accountDomain", "accountCrmId", "kind", "severity", "openedAt", "closedAt", "subject"] as const;
export type TicketImportColumn = (typeof TICKET_IMPORT_COLUMNS)[number];

export type TicketImportError = CsvRowError;

/** A data row read into ticket fields; undefined where the cell was bad or empty. */
export interface TicketImportRow {
  row: number;
  externalId?: string;
  accountDomain?: string;
  accountCrmId?: string;
  kind?: TicketKind;
  severity: number | null;
  subject: string | null;
  openedAt?: Date;
  closedAt: Date | null;
}

/**
 * Reads the CSV into rows and reports every cell that is not what its column needs, and every
 * row missing what a ticket must have. A broken file or header is refused as a whole (400).
 */
export function readTicketRows(csv: string): { rows: TicketImportRow[]; errors: TicketImportError[]; dataRows: number } {
  const { records, errors, dataRows } = readCsvRecords(csv, { expectedColumns: TICKET_IMPORT_COLUMNS, headerColumns });
  const rows: TicketImportRow[] = [];
  for (const { row, cells } of records) {
    const parsed: TicketImportRow = { row, severity: null, subject: null, closedAt: null };
    const problems: TicketImportError[] = [];
    for (const { column, text } of cells) {
      const problem = readCell(column, text, parsed);
      if (problem) problems.push({ row, field: column, message: problem });
    }
    const bad = new Set(problems.map((p) => p.field));
    for (const required of ["externalId", "kind", "openedAt"] as const) {
      if (parsed[required] === undefined && !bad.has(required)) problems.push({ row, field: required, message: "is required" });
    }
    if (parsed.accountDomain === undefined && parsed.accountCrmId === undefined && !bad.has("accountDomain") && !bad.has("accountCrmId")) {
      problems.push({ row, field: "accountDomain", message: "is required (or accountCrmId)" });
    }
    errors.push(...problems);
    rows.push(parsed);
  }
  // Row order, as the file reads (the shared reader reported whole-row problems first).
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors, dataRows };
}

function headerColumns(header: string[]): TicketImportColumn[] {
  const known = new Map(TICKET_IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c] as const));
  const unknown = header.filter((h) => !known.has(h.trim().toLowerCase()));
  if (unknown.length > 0) throw csvRefused(`unknown column ${unknown.map((u) => JSON.stringify(u)).join(", ")}; the columns are ${TICKET_IMPORT_COLUMNS.join(",")}`);
  const columns = header.map((h) => known.get(h.trim().toLowerCase()) as TicketImportColumn);
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice) throw csvRefused(`the column ${twice} appears twice`);
  for (const needed of ["externalId", "kind", "openedAt"] as const) if (!columns.includes(needed)) throw csvRefused(`the header has no ${needed} column`);
  if (!columns.includes("accountDomain") && !columns.includes("accountCrmId")) throw csvRefused("the header has neither an accountDomain nor an accountCrmId column");
  return columns;
}

/** Sets the cell's value on the row, or says what is wrong with it. */
function readCell(column: TicketImportColumn, text: string, into: TicketImportRow): string | null {
  switch (column) {
    case "externalId":
      if (text.length > 200) return "is longer than 200 characters";
      into.externalId = text;
      return null;
    case "accountDomain": {
      const domain = normalizeDomain(text);
      if (!domain) return `${text} is not a domain name`;
      into.accountDomain = domain;
      return null;
    }
    case "accountCrmId":
      if (text.length > 100) return "is longer than 100 characters";
      into.accountCrmId = text;
      return null;
    case "kind": {
      const kind = TICKET_KINDS.find((k) => k === text.toLowerCase());
      if (!kind) return `${text} is not a ticket kind (${TICKET_KINDS.join(", ")})`;
      into.kind = kind;
      return null;
    }
    case "severity":
      if (!/^[0-3]$/.test(text)) return `${text} is not a severity (0, 1, 2 or 3)`;
      into.severity = Number(text);
      return null;
    case "openedAt":
    case "closedAt": {
      const at = readTime(text);
      if (!at) return `${text} is not a date (YYYY-MM-DD) or time (ISO 8601 with offset)`;
      into[column] = at;
      return null;
    }
    case "subject":
      if (text.length > 500) return "is longer than 500 characters";
      into.subject = text;
      return null;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A day is read as its start in UTC; a time needs its offset (no guessing the help desk's zone). */
function readTime(text: string): Date | null {
  if (DAY.test(text)) {
    const d = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text ? d : null;
  }
  if (!TIME.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

