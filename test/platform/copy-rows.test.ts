import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { copyRows } from "../../src/platform/db/copy-rows.js";
import { openDatabase } from "../../src/platform/db/open-database.js";
import type { Database } from "../../src/platform/db/database.js";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-context.js";

// copyRows streams rows in with COPY on both engines (PostgreSQL: pg-copy.ts; PGlite:
// pglite-dialect.ts, in process and in its worker thread), in the caller's transaction.
let handle: TestDatabase | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const COLUMNS = ["label", "data", "at", "flag", "n"] as const;
const awkward = [
  ["tab\tnew\nline\rback\\slash \\N", { note: "quote \" and \\ and \t", list: [1, null, "é"] }, new Date("2026-03-04T05:06:07.000Z"), true, 2.5],
  [null, null, null, null, null],
  ["", [], new Date("2026-03-04T05:06:07.000Z"), false, -1],
];

async function roundTrip(db: Kysely<Database>): Promise<void> {
  await sql`create table copied (id serial primary key, label text, data jsonb, at timestamptz, flag boolean, n float8)`.execute(db);
  const n = await db.transaction().execute((trx) => copyRows(trx, "copied", COLUMNS, awkward));
  expect(n).toBe(3);
  const rows = await sql<Record<string, unknown>>`select * from copied order by id`.execute(db);
  expect(rows.rows).toEqual(awkward.map((r, i) => ({ id: i + 1, label: r[0], data: r[1], at: r[2], flag: r[3], n: r[4] })));
}

async function rollsBackAndFailsClearly(db: Kysely<Database>): Promise<void> {
  await sql`create table copied2 (id int primary key, data jsonb)`.execute(db);
  await expect(
    db.transaction().execute(async (trx) => {
      await copyRows(trx, "copied2", ["id", "data"], [[1, { ok: true }]]);
      throw new Error("half-way failure");
    }),
  ).rejects.toThrow("half-way failure");
  // A duplicate key fails the COPY with PostgreSQL's own error, and the connection stays usable.
  const failed = await db
    .transaction()
    .execute((trx) => copyRows(trx, "copied2", ["id", "data"], [[1, {}], [1, {}]]))
    .catch((e: unknown) => e);
  expect(failed).toBeInstanceOf(Error);
  expect((failed as Error).message).toMatch(/duplicate key/);
  const left = await sql<{ n: number }>`select count(*)::int as n from copied2`.execute(db);
  expect(left.rows[0]?.n).toBe(0);
}

describe("copyRows", () => {
  it("appends awkward values exactly, in the caller's transaction", async () => {
    handle = await createTestDatabase();
    await roundTrip(handle.db);
  });

  it("leaves nothing behind when the transaction fails, and reports a bad row", async () => {
    handle = await createTestDatabase();
    await rollsBackAndFailsClearly(handle.db);
  });

  it("refuses a row whose length does not match the columns", async () => {
    handle = await createTestDatabase();
    await expect(copyRows(handle.db, "copied", ["a", "b"], [[1]])).rejects.toThrow(/a row has 1 values for 2 columns/);
  });

  it.runIf(testEngine() === "pglite")("works the same through PGlite's worker thread", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trellis-copy-thread-"));
    const threaded = await openDatabase({ dataDir: dir, thread: true });
    try {
      await roundTrip(threaded.db);
      await rollsBackAndFailsClearly(threaded.db);
    } finally {
      await threaded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
