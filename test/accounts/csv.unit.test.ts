import { describe, expect, it } from "vitest";
import { csvCell, csvLine, CsvSyntaxError, parseCsv, unguardCell } from "../../src/domains/accounts/csv.js";

describe("CSV (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks; CRLF, LF and a BOM", () => {
    const text = '\uFEFFname,notes\r\n"Acme, Inc.","said ""hi""\r\nthen left"\nplain,\r\n';
    expect(parseCsv(text)).toEqual([
      ["name", "notes"],
      ["Acme, Inc.", 'said "hi"\r\nthen left'],
      ["plain", ""],
    ]);
    expect(parseCsv("a,b")).toEqual([["a", "b"]]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv('""')).toEqual([[""]]);
  });

  it("refuses an unclosed quote and text after a closing quote, naming the line", () => {
    expect(() => parseCsv('a\n"never closed,x\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"never closed,x\n')).toThrow("line 2");
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow("line 2: text after a closing quote");
  });

  it("writes cells quoted only when needed, and guards formula-looking text with a single quote", () => {
    expect(csvLine(["Acme, Inc.", 'say "x"', "two\nlines", 42, true, null])).toBe('"Acme, Inc.","say ""x""","two\nlines",42,true,\r\n');
    for (const risky of ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"]) expect(csvCell(risky)).toBe(`'${risky}`);
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell(-5)).toBe("-5");
    expect(unguardCell("'=HYPERLINK(1)")).toBe("=HYPERLINK(1)");
    expect(unguardCell("'quoted")).toBe("'quoted");
    expect(parseCsv(csvLine(["=x", "a\"b", "c,d"])).map((r) => r.map(unguardCell))).toEqual([["=x", 'a"b', "c,d"]]);
  });
});
