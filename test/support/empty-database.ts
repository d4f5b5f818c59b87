import { randomBytes } from "node:crypto";
import { afterEach } from "vitest";
import { Migrator, sql, type Kysely, type MigrationProvider } from "kysely";
import { openDatabase, type DatabaseHandle } from "../../src/platform/db/open-database.js";
import { migrations } from "../../src/platform/db/migrations/index.js";
import type { Database } from "../../src/platform/db/database.js";
import { testEngine } from "./test-context.js";
import { POSTGRES_ADMIN_URL } from "./engines.js";
import { withDatabase } from "./global-setup.js";

/**
 * An empty database on the test's engine (not the migrated template), for tests of a migration
 * over existing data: migrateBefore() applies the migrations before the one under test.
 */
async function emptyDatabase(): Promise<{ db: DatabaseHandle; drop(): Promise<void> }> {
  if (testEngine() === "pglite") {
    const db = await openDatabase({});
    return { db, drop: () => db.close() };
  }
  const name = `trellis_m_${randomBytes(6).toString("hex")}`;
  const admin = await openDatabase({ databaseUrl: POSTGRES_ADMIN_URL, poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin.db);
  const db = await openDatabase({ databaseUrl: withDatabase(POSTGRES_ADMIN_URL, name), poolSize: 2 });
  return {
    db,
    async drop() {
      await db.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
  };
}

/**
 * For a test file of migration tests: returns `open()`, which gives an empty database, dropped
 * after each test.
 */
export function emptyDatabasePerTest(): () => Promise<DatabaseHandle> {
  let current: { drop(): Promise<void> } | undefined;
  afterEach(async () => {
    await current?.drop();
    current = undefined;
  });
  return async () => {
    const opened = await emptyDatabase();
    current = opened;
    return opened.db;
  };
}

/** Applies every migration whose name sorts before `name` ("0014"), as a database of that time had them. */
export async function migrateBefore(db: Kysely<Database>, name: string): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: () => Promise.resolve(Object.fromEntries(Object.entries(migrations).filter(([m]) => m < name))),
  };
  const migrator = new Migrator({ db, provider, migrationTableName: "trellis_migrations", migrationLockTableName: "trellis_migrations_lock" });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
