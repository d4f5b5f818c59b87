import { mkdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Kysely, sql } from "kysely";
import { PGlite } from "@electric-sql/pglite";
import { PGliteDialect } from "../../src/platform/db/pglite-dialect.js";
import { typeParsers } from "../../src/platform/db/type-parsers.js";
import { openDatabase, pgliteExtensions } from "../../src/platform/db/open-database.js";
import { migrateToLatest } from "../../src/platform/db/migrate.js";
import { CHROMIUM_PATH, IN_CI, POSTGRES_ADMIN_URL, chromiumPresent, postgresReachable } from "./engines.js";

/**
 * Builds one migrated template per engine before any test runs, so each test database is a
 * copy (PGlite: a dumped data dir; PostgreSQL: CREATE DATABASE … TEMPLATE) rather than a
 * fresh migration run.
 */
export const TEMPLATE_DIR = join(process.cwd(), ".trellis", "test");
export const PGLITE_TEMPLATE = join(TEMPLATE_DIR, "pglite-template.tar");

export default async function setup(): Promise<() => Promise<void>> {
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  if (process.env.TRELLIS_TEST_WITH_BROWSER === "1") {
    if (!chromiumPresent()) throw new Error(`Chromium is required in CI but ${CHROMIUM_PATH} is missing: apt-get install chromium.`);
    // The browser tests drive the built web app; build it if its sources changed.
    const build = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("building the web app for the browser tests failed");
  }

  writeFileSync(PGLITE_TEMPLATE, await migratedPGliteDump());

  const templateName = `trellis_tpl_${process.pid}`;
  process.env.TRELLIS_TEST_PG_TEMPLATE = templateName;
  if (process.env.TRELLIS_TEST_WITH_POSTGRES === "1") {
    if (!postgresReachable()) {
      throw new Error(`PostgreSQL is required${IN_CI ? " in CI" : ""} but ${POSTGRES_ADMIN_URL} is not reachable.`);
    }
    const admin = await openDatabase({ databaseUrl: POSTGRES_ADMIN_URL, poolSize: 1 });
    await sql.raw(`drop database if exists ${templateName}`).execute(admin.db);
    await sql.raw(`create database ${templateName}`).execute(admin.db);
    const tpl = await openDatabase({ databaseUrl: withDatabase(POSTGRES_ADMIN_URL, templateName), poolSize: 1 });
    await migrateToLatest(tpl.db);
    await tpl.close();
    await admin.close();
  }

  return async () => {
    if (process.env.TRELLIS_TEST_WITH_POSTGRES !== "1") return;
    const admin = await openDatabase({ databaseUrl: POSTGRES_ADMIN_URL, poolSize: 1 });
    await sql.raw(`drop database if exists ${templateName} with (force)`).execute(admin.db);
    await admin.close();
  };
}

async function migratedPGliteDump(): Promise<Buffer> {
  const pg = new PGlite({ parsers: typeParsers, extensions: await pgliteExtensions() });
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pg) });
  await migrateToLatest(db);
  const blob = await pg.dumpDataDir("none");
  await db.destroy();
  return Buffer.from(await blob.arrayBuffer());
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
