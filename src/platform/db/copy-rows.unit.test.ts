import { describe, expect, it } from "vitest";
import { copyPayload, encodeCopyText } from "./copy-rows.js";

describe("COPY text encoding", () => {
  it("writes nulls, booleans, numbers, dates and JSON, and escapes what COPY reads specially", () => {
    const text = encodeCopyText([
      [null, undefined, true, false, 1.5, 10n, new Date("2026-01-02T03:04:05.000Z")],
      ["tab\there", "line\nbreak\r", "back\\slash", { a: "x\ty", b: [1, null] }, "", "\\N", "plain"],
    ]);
    expect(text).toBe(
      "\\N\t\\N\tt\tf\t1.5\t10\t2026-01-02T03:04:05.000Z\n" +
        'tab\\there\tline\\nbreak\\r\tback\\\\slash\t{"a":"x\\\\ty","b":[1,null]}\t\t\\\\N\tplain\n',
    );
  });

  it("refuses a value no column can hold", () => {
    expect(() => encodeCopyText([[Symbol("x")]])).toThrow(/symbol is not a column value/);
  });

  it("recognises only a COPY FROM STDIN with its rows as the one parameter", () => {
    expect(copyPayload("copy t (a, b) from stdin", ["1\t2\n"])).toBe("1\t2\n");
    expect(copyPayload("copy t (a) from stdin", [])).toBeNull();
    expect(copyPayload("copy t (a) from stdin", [1])).toBeNull();
    expect(copyPayload("select $1", ["copy t (a) from stdin"])).toBeNull();
    expect(copyPayload("copy t (a) from stdin; drop table t", ["x"])).toBeNull();
  });
});
