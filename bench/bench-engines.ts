import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { createContext, type OwnedContext } from "../src/platform/app/create-context.js";
import { loadConfig } from "../src/platform/config/config.js";
import { openDatabase } from "../src/platform/db/open-database.js";
import { createLogger } from "../src/platform/log/logger.js";

export type BenchEngine = "pglite" | "postgres";

/** BENCH_LOG_LEVEL=debug shows the app's own logs (phase timings) on stderr; silent by default. */
const benchLogger = () => createLogger(process.env.BENCH_LOG_LEVEL ?? "silent", process.stderr);

/**
 * Runs `measure` against a fresh Trellis context on each engine: PGlite in a temporary data
 * directory, then (with `postgresUrl`) a scratch PostgreSQL database, both removed afterwards.
 */
export async function onEachEngine<Row>(
  name: string,
  postgresUrl: string | undefined,
  measure: (engine: BenchEngine, ctx: OwnedContext) => Promise<Row[]>,
): Promise<Row[]> {
  const out: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), `trellis-${name}-bench-`));
  try {
    const config = loadConfig({ env: {}, overrides: { logLevel: "silent", dataDir: dir } });
    const ctx = await createContext({ config, database: await openDatabase({ dataDir: dir }), logger: benchLogger() });
    try {
      out.push(...(await measure("pglite", ctx)));
    } finally {
      await ctx.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!postgresUrl) return out;
  const scratch = `trellis_${name}_bench_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: postgresUrl, poolSize: 1 });
  await sql.raw(`create database ${scratch}`).execute(admin.db);
  const u = new URL(postgresUrl);
  u.pathname = `/${scratch}`;
  try {
    const config = loadConfig({ env: {}, overrides: { logLevel: "silent", databaseUrl: u.toString() } });
    const ctx = await createContext({ config, database: await openDatabase({ databaseUrl: u.toString() }), logger: benchLogger() });
    try {
      out.push(...(await measure("postgres", ctx)));
    } finally {
      await ctx.close();
    }
  } finally {
    await sql.raw(`drop database if exists ${scratch} with (force)`).execute(admin.db);
    await admin.close();
  }
  return out;
}
