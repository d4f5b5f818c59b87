import { AppError } from "../../platform/errors/app-error.js";
import { CsvSyntaxError, isBlankRecord, parseCsv, unguardCell } from "./csv.js";

/** A bad cell or row of an import: 1-based data row (the header is row 0), the column ("" for the row). */
export interface CsvRowError {
  row: number;
  field: string;
  message: string;
}

/** A data row's non-empty cells, by the column its header names. */
export interface CsvRecord<C> {
  row: number;
  cells: { column: C; text: string }[];
}

/** The whole file refused (400): it cannot be read, or its header cannot be trusted. */
export const csvRefused = (problem: string) => new AppError("validation_failed", `csv: ${problem}.`, { details: { issues: [{ path: ["body", "csv"], message: problem }] } });

/**
 * The part every CSV import shares: parses the file (refused as a whole when it cannot be read
 * or is empty), maps the header through `headerColumns` (which refuses unknown or missing
 * columns; null ignores a column), skips blank rows, reports rows with more fields than the
 * header, and gives each other row its non-empty cells (formula guard undone, trimmed).
 */
export function readCsvRecords<C>(
  csv: string,
  o: { expectedColumns: readonly string[]; headerColumns: (header: string[]) => (C | null)[] },
): { records: CsvRecord<C>[]; errors: CsvRowError[]; dataRows: number } {
  let parsed: string[][];
  try {
    parsed = parseCsv(csv);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw csvRefused(`the CSV cannot be read: ${e.message}`);
    throw e;
  }
  const [header, ...data] = parsed;
  if (!header || isBlankRecord(header)) throw csvRefused(`the CSV is empty; its first line names the columns (${o.expectedColumns.join(",")})`);
  const columns = o.headerColumns(header);
  const records: CsvRecord<C>[] = [];
  const errors: CsvRowError[] = [];
  let dataRows = 0;
  data.forEach((record, index) => {
    const row = index + 1;
    if (isBlankRecord(record)) return;
    dataRows += 1;
    if (record.length > columns.length) {
      errors.push({ row, field: "", message: `has ${record.length} fields; the header names ${columns.length}` });
      return;
    }
    const cells: { column: C; text: string }[] = [];
    columns.forEach((column, i) => {
      const text = unguardCell(record[i] ?? "").trim();
      if (column !== null && text !== "") cells.push({ column, text });
    });
    records.push({ row, cells });
  });
  return { records, errors, dataRows };
}
