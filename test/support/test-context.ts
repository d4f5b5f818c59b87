import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "../../src/platform/db/open-database.js";
import { loadConfig, type ConfigInput } from "../../src/platform/config/config.js";
import { createContext, type OwnedContext } from "../../src/platform/app/create-context.js";
import { SimulatedClock } from "../../src/platform/clock/clock.js";
import { createLogger } from "../../src/platform/log/logger.js";
import { join } from "node:path";
import { PGLITE_TEMPLATE, TEMPLATE_DIR, withDatabase } from "./global-setup.js";
import { POSTGRES_ADMIN_URL } from "./engines.js";

export type TestEngine = "pglite" | "postgres";
export const testEngine = (): TestEngine => (process.env.TRELLIS_TEST_ENGINE === "postgres" ? "postgres" : "pglite");

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this test's database (PostgreSQL engine only), for child processes. */
  url: string | undefined;
}

/** A fresh, migrated database for one test (copied from the template), dropped on close. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === "pglite") {
    const handle = await openDatabase({ loadDataDir: new Blob([readFileSync(PGLITE_TEMPLATE)]) });
    return { ...handle, url: undefined };
  }
  const template = process.env.TRELLIS_TEST_PG_TEMPLATE;
  if (!template) throw new Error("TRELLIS_TEST_PG_TEMPLATE is not set: run tests through vitest (npm test).");
  const name = `trellis_t_${randomBytes(6).toString("hex")}`;
  const admin = await openDatabase({ databaseUrl: POSTGRES_ADMIN_URL, poolSize: 1 });
  await sql.raw(`create database ${name} template ${template}`).execute(admin.db);
  await admin.close();
  const url = withDatabase(POSTGRES_ADMIN_URL, name);
  const handle = await openDatabase({ databaseUrl: url, poolSize: 5 });
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      const a = await openDatabase({ databaseUrl: POSTGRES_ADMIN_URL, poolSize: 1 });
      try {
        // Connections may still be closing; forcing would kill them mid-goodbye. Wait, then force.
        for (let i = 0; i < 50; i++) {
          try {
            await sql.raw(`drop database if exists ${name}`).execute(a.db);
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        await sql.raw(`drop database if exists ${name} with (force)`).execute(a.db);
      } finally {
        await a.close();
      }
    },
  };
}

export interface TestContextOptions {
  /** Start of simulated time (default 2026-01-05T09:00:00Z, a Monday). */
  now?: Date;
  config?: Partial<ConfigInput>;
}

export interface TestContext extends OwnedContext {
  clock: SimulatedClock;
  database: TestDatabase;
}

/** A whole app context on a fresh test database with a simulated clock. */
export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = new SimulatedClock(options.now ?? new Date("2026-01-05T09:00:00Z"));
  const config = loadConfig({
    env: {},
    // License signing keys of tests live with the test templates, not in the dev data directory.
    overrides: { nodeEnv: "test", logLevel: "silent", clock: "simulated", licenseKeysDir: join(TEMPLATE_DIR, "keys"), ...options.config },
  });
  const ctx = await createContext({
    config,
    database,
    clock,
    migrate: false,
    logger: createLogger(process.env.TRELLIS_TEST_LOG ?? "silent"),
  });
  return Object.assign(ctx, { clock, database });
}
