/**
 * RFC 4180 CSV, both ways, small enough to read in one sitting (no package: the format is tiny
 * and the import must report exact rows). Fields are separated by commas; a field holding a
 * comma, quote, CR or LF is quoted and its quotes doubled. Lines end with CRLF on output; CRLF,
 * LF and CR are all accepted on input, as is a UTF-8 byte-order mark.
 */

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based physical line of the problem. */
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

/** Records as arrays of fields; an empty input gives no records. */
export function parseCsv(text: string): string[][] {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let line = 1;
  let i = 0;
  let quotedFieldEnded = false;
  const endField = () => {
    record.push(field);
    field = "";
    quotedFieldEnded = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < input.length) {
    const c = input[i] as string;
    if (c === '"' && field === "" && !quotedFieldEnded) {
      const start = line;
      i += 1;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError("a quoted field is never closed", start);
        const q = input[i] as string;
        if (q === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (q === "\n" || (q === "\r" && input[i + 1] !== "\n")) line += 1;
        field += q;
        i += 1;
      }
      quotedFieldEnded = true;
      const next = input[i];
      if (next !== undefined && next !== "," && next !== "\r" && next !== "\n") {
        throw new CsvSyntaxError("text after a closing quote (quote the whole field and double the quotes inside)", line);
      }
      continue;
    }
    if (c === ",") {
      endField();
      i += 1;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && input[i + 1] === "\n" ? 2 : 1;
      line += 1;
    } else {
      if (quotedFieldEnded) throw new CsvSyntaxError("text after a closing quote", line);
      field += c;
      i += 1;
    }
  }
  // A final line without a line break is still a record; a trailing line break adds none.
  if (field !== "" || record.length > 0 || quotedFieldEnded) endRecord();
  return records;
}

/** A record with nothing in it (a blank line in a spreadsheet). */
export const isBlankRecord = (record: readonly string[]): boolean => record.every((f) => f.trim() === "");

/**
 * Cells that a spreadsheet would run as a formula (CSV injection) start with one of these;
 * such text cells are written with a leading single quote, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number | boolean | null | undefined)[]): string => `${cells.map(csvCell).join(",")}\r\n`;

/** Undoes csvCell's formula guard, so an exported file imports back to the same text. */
export const unguardCell = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);
