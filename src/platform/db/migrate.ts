import { Migrator, type Kysely, type MigrationProvider } from "kysely";
import { sql } from "kysely";
import { migrations } from "./migrations/index.js";

/** Applies pending migrations (forward-only). Returns the names applied by this call. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: "trellis_migrations",
    migrationLockTableName: "trellis_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    const msg = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${msg}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const exists = await sql<{ present: boolean }>`
    select to_regclass('trellis_migrations') is not null as present`.execute(db);
  if (!exists.rows[0]?.present) return Object.keys(migrations);
  const done = await sql<{ name: string }>`select name from trellis_migrations`.execute(db);
  const applied = new Set(done.rows.map((r) => r.name));
  return Object.keys(migrations).filter((n) => !applied.has(n));
}
