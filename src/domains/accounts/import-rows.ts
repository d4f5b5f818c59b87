import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { normalizeDomains } from "./account-domains.js";
import { accountTypes, type AccountPatch } from "./account-values.js";
import { csvRefused, readCsvRecords, type CsvRowError } from "./csv-records.js";
import { EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS, type ImportColumn } from "./csv-columns.js";
import { DEPLOYMENTS, type Deployment } from "./schema.js";

export type ImportError = CsvRowError;

/** A data row read into account fields; only the cells with something in them are set. */
export interface ImportRow {
  row: number;
  values: AccountPatch;
  aeEmail?: string;
  ceEmail?: string;
}

/**
 * Reads the CSV into rows and reports every cell that is not what its column needs. A broken
 * file (unclosed quote) or header (unknown or missing columns) is refused as a whole (400):
 * no row can be trusted then.
 */
export function readImportRows(pack: ProcessPack, csv: string): { rows: ImportRow[]; errors: ImportError[]; dataRows: number } {
  const { records, errors, dataRows } = readCsvRecords(csv, { expectedColumns: IMPORT_COLUMNS, headerColumns });
  const rows: ImportRow[] = [];
  for (const { row, cells } of records) {
    const parsed: ImportRow = { row, values: {} };
    for (const { column, text } of cells) {
      const problem = readCell(pack, column, text, parsed);
      if (problem) errors.push({ row, field: column, message: problem });
    }
    rows.push(parsed);
  }
  // Row order, as the file reads (the shared reader reported whole-row problems first).
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors, dataRows };
}

/** Each header cell's import column; null for the export-only ones (stage, segment), which are ignored. */
function headerColumns(header: string[]): (ImportColumn | null)[] {
  const known = new Map<string, ImportColumn | null>([...IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c] as const), ...EXPORT_ONLY_COLUMNS.map((c) => [c, null] as const)]);
  const unknown = header.filter((h) => !known.has(h.trim().toLowerCase()));
  if (unknown.length > 0) throw csvRefused(`unknown column ${unknown.map((u) => JSON.stringify(u)).join(", ")}; the columns are ${IMPORT_COLUMNS.join(",")}`);
  const columns = header.map((h) => known.get(h.trim().toLowerCase()) ?? null);
  const named = columns.filter((c): c is ImportColumn => c !== null);
  const twice = named.find((c, i) => named.indexOf(c) !== i);
  if (twice) throw csvRefused(`the column ${twice} appears twice`);
  if (!named.includes("name")) throw csvRefused("the header has no name column");
  return columns;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_COUNT = 2_000_000_000;
const TRUE = ["true", "yes", "y", "1"];
const FALSE = ["false", "no", "n", "0"];

/** Sets the cell's value on the row, or says what is wrong with it. */
function readCell(pack: ProcessPack, column: ImportColumn, text: string, into: ImportRow): string | null {
  const v = into.values;
  switch (column) {
    case "name":
      if (text.length > 200) return "is longer than 200 characters";
      v.name = text;
      return null;
    case "domains": {
      const { domains, invalid } = normalizeDomains(text.split(/[\s;,]+/).filter(Boolean));
      if (invalid.length > 0) return `${invalid.join(", ")} ${invalid.length === 1 ? "is not a domain name" : "are not domain names"}`;
      v.domains = domains;
      return null;
    }
    case "crmId":
      if (text.length > 100) return "is longer than 100 characters";
      v.crmId = text;
      return null;
    case "accountType": {
      const type = accountTypes(pack).find((t) => t.toLowerCase() === text.toLowerCase());
      if (!type) return `${text} is not an account type (${accountTypes(pack).join(", ")})`;
      v.accountType = type;
      return null;
    }
    case "expectedCloseDate":
    case "contractStart":
    case "contractEnd": {
      if (!isDay(text)) return `${text} is not a date (YYYY-MM-DD)`;
      v[column] = text;
      return null;
    }
    case "arr":
    case "seats":
    case "developers": {
      const digits = text.replace(/[\s,$_]/g, "");
      if (!/^\d+$/.test(digits) || Number(digits) > MAX_COUNT) return `${text} is not a whole number of 0 or more`;
      v[column] = Number(digits);
      return null;
    }
    case "deployment": {
      const d = text.toLowerCase().replace(/[\s-]+/g, "_");
      if (!DEPLOYMENTS.includes(d as Deployment)) return `${text} is not a deployment (${DEPLOYMENTS.join(", ")})`;
      v.deployment = d as Deployment;
      return null;
    }
    case "aeEmail":
    case "ceEmail":
      if (!EMAIL.test(text)) return `${text} is not an email address`;
      into[column] = text.toLowerCase();
      return null;
    case "strategic": {
      const t = text.toLowerCase();
      if (!TRUE.includes(t) && !FALSE.includes(t)) return `${text} is not true or false`;
      v.strategic = TRUE.includes(t);
      return null;
    }
  }
}

function isDay(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

