import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../../src/platform/db/open-database.js";

// `trellis start` runs the embedded database in a worker thread (pglite-thread.ts).
const MAIN = join(import.meta.dirname, "..", "..", "src", "cli", "main.ts");
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "trellis-start-thread-"));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("PGlite in a worker thread", { timeout: 180_000 }, () => {
  it("queries, keeps transactions, reports PostgreSQL errors with their fields, and persists on close", async () => {
    const dataDir = join(root, "db");
    const handle = await openDatabase({ dataDir, thread: true });
    try {
      await sql`create table t (id int primary key, at timestamptz not null, n int8)`.execute(handle.db);
      const at = new Date("2026-01-02T03:04:05.000Z");
      await sql`insert into t values (${1}, ${at}, ${42})`.execute(handle.db);
      // Values cross the thread with the shared type parsers applied: Date and number.
      const rows = await sql<{ id: number; at: Date; n: number }>`select * from t`.execute(handle.db);
      expect(rows.rows).toEqual([{ id: 1, at, n: 42 }]);
      const failed = await sql`insert into t values (${1}, now(), null)`.execute(handle.db).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
      expect(failed).toMatchObject({ code: "23505", constraint: "t_pkey" });
      expect((failed as Error).message).toContain("duplicate key");
      await handle.db
        .transaction()
        .execute(async (trx) => {
          await sql`insert into t values (${2}, now(), null)`.execute(trx);
          throw new Error("roll back");
        })
        .catch(() => undefined);
      const count = await sql<{ n: number }>`select count(*)::int as n from t`.execute(handle.db);
      expect(count.rows[0]?.n).toBe(1);
    } finally {
      await handle.close();
    }
    // Closed cleanly (lock released, data on disk): the same directory opens again in this thread.
    const again = await openDatabase({ dataDir });
    try {
      const rows = await sql<{ id: number }>`select id from t`.execute(again.db);
      expect(rows.rows).toEqual([{ id: 1 }]);
    } finally {
      await again.close();
    }
  });

  it("fails the open, and frees the data directory's lock, when PostgreSQL cannot start there", async () => {
    const bad = join(root, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "PG_VERSION"), "99\n");
    await expect(openDatabase({ dataDir: bad, thread: true })).rejects.toThrow(/PGlite/);
    expect(existsSync(join(bad, "trellis.lock"))).toBe(false);
  });

  it("`trellis start` answers /readyz and stops cleanly on SIGTERM", async () => {
    const port = 3800 + Math.floor(Math.random() * 100);
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, "start", "--data-dir", join(root, "start"), "--port", String(port)], {
      env: { ...process.env, LOG_LEVEL: "warn" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      let ready: { status: string; engine: string } | null = null;
      const deadline = Date.now() + 150_000;
      while (!ready && Date.now() < deadline) {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
        if (res?.ok) ready = (await res.json()) as { status: string; engine: string };
        else await new Promise((r) => setTimeout(r, 200));
      }
      expect(ready).toEqual({ status: "ready", engine: "pglite" });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(out).toContain("Trellis is running at");
  });
});
