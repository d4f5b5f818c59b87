import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import { typeParsers } from "./type-parsers.js";
import { lockDataDir, type DataDirLock } from "./data-dir-lock.js";
import type { PGliteLike } from "./pglite-dialect.js";

export type Engine = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** How many connections `db` can hold at once: its pool's size on PostgreSQL, 1 on PGlite. */
  connections: number;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… selects server mode; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in-memory (tests). */
  dataDir?: string | undefined;
  /** A dumped PGlite data directory to start from (test templates). */
  loadDataDir?: Blob | undefined;
  poolSize?: number;
  /** Skip the lockfile (only for a data dir the caller already owns). */
  skipLock?: boolean;
  /**
   * Run PGlite on dataDir in a worker thread (pglite-thread.ts): its open overlaps the main
   * thread's work, and queries leave the event loop free. The server processes use it.
   */
  thread?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPGlite(options);
}

/**
 * The PostgreSQL extensions the migrations create, which PGlite must load at every open:
 * pg_trgm for the account list's text search (migration 0007). Anything that opens PGlite on a
 * Trellis database (tests' template too) passes these.
 */
export async function pgliteExtensions() {
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  return { pg_trgm };
}

async function openPGlite(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  let lock: DataDirLock | undefined;
  if (options.dataDir && !options.skipLock) lock = lockDataDir(options.dataDir);
  try {
    const pglite = options.thread && options.dataDir && !options.loadDataDir ? await startThread(options.dataDir) : await startInProcess(options);
    // Kysely loads while PGlite starts (start-up time): both take a few hundred ms.
    const [{ Kysely }, { PGliteDialect }] = await Promise.all([import("kysely"), import("./pglite-dialect.js")]);
    try {
      await pglite.waitReady;
    } catch (e) {
      await pglite.close().catch(() => undefined);
      throw e;
    }
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      engine: "pglite",
      connections: 1,
      async close() {
        await db.destroy();
        // Kysely closes its driver only once a query has run: a database opened and closed
        // without one (start-up failing on a bad pack) would keep its PGlite thread alive.
        if (!pglite.closed) await pglite.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

async function startThread(dataDir: string): Promise<PGliteLike> {
  const { PGliteThread } = await import("./pglite-thread.js");
  return new PGliteThread(dataDir);
}

/** PGlite in this thread: tests' in-memory copies of a template, and the one-shot commands. */
async function startInProcess(options: OpenDatabaseOptions): Promise<PGliteLike> {
  const [{ PGlite }, extensions] = await Promise.all([import("@electric-sql/pglite"), pgliteExtensions()]);
  return new PGlite({
    extensions,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: typeParsers,
  });
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const [{ Kysely, PostgresDialect }, { default: pg }, { copyAwarePool }] = await Promise.all([import("kysely"), import("pg"), import("./pg-copy.js")]);
  const pgTypes = {
    getTypeParser(oid: number, format?: string) {
      const parse = typeParsers[oid];
      if (parse && format !== "binary") return parse;
      return pg.types.getTypeParser(oid, format as "text");
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes as unknown as import("pg").CustomTypesConfig });
  // An idle connection dropped by the server (restart, failover, admin command) is an event,
  // not a crash: the pool discards it and opens a new one on the next query.
  pool.on("error", (e) => {
    process.emitWarning(`PostgreSQL connection lost: ${e.message}`, { code: "TRELLIS_PG_IDLE_ERROR" });
  });
  // Surface a bad URL or unreachable server at open time, not on the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: copyAwarePool(pool) }) });
  return {
    db,
    engine: "postgres",
    connections: poolSize,
    async close() {
      await db.destroy();
      // As with PGlite, Kysely ends the pool only once a query has run: without one, the
      // connection opened above stayed idle for pg's 10 s timeout before the process could exit.
      if (!pool.ended) await pool.end();
    },
  };
}
