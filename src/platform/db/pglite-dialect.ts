import { performance } from "node:perf_hooks";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Results } from "@electric-sql/pglite";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { copyPayload } from "./copy-rows.js";

/** What the driver uses of PGlite: a PGlite instance, or a PGliteThread running one. */
export interface PGliteLike {
  readonly waitReady: Promise<void>;
  readonly closed: boolean;
  /** `blob`: the rows of a `COPY … FROM '/dev/blob'`. */
  query<T>(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  close(): Promise<void>;
}

/**
 * Kysely driver for PGlite. PGlite is one connection, so the driver hands out that single
 * connection under a mutex: a transaction holds it until commit, other queries wait.
 * Written here rather than depending on a dialect package that lags PGlite's versions.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pg: PGliteLike) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

/** Longest a chain of queries holds the event loop before the driver lets I/O in. */
const YIELD_EVERY_MS = 10;

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private lastYield = 0;
  private readonly connection: PGliteConnection;
  private readonly releases = new Map<DatabaseConnection, () => void>();

  constructor(private readonly pg: PGliteLike) {
    this.connection = new PGliteConnection(pg);
  }
  async init(): Promise<void> {
    await this.pg.waitReady;
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    // PGlite runs a query synchronously on the main thread, so a chain of queries (the
    // scheduler's catch-up, a sweep) never returns to the event loop by itself and would hold
    // off every HTTP request until it ends. Yielding before a connection is handed out, once
    // per time slice, lets pending I/O in between. The place in the queue is taken first, so
    // the connection still goes first come, first served.
    const locked = this.mutex.lock();
    if (performance.now() - this.lastYield >= YIELD_EVERY_MS) {
      this.lastYield = performance.now();
      await yieldToEventLoop();
    }
    const release = await locked;
    this.releases.set(this.connection, release);
    return this.connection;
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const iso = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    await conn.executeQuery(CompiledQuery.raw(`begin${iso}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const release = this.releases.get(conn);
    this.releases.delete(conn);
    release?.();
  }
  async destroy(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGliteLike) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // copy-rows.ts: PGlite reads COPY's rows from a blob in place of standard input.
    const payload = copyPayload(query.sql, query.parameters);
    if (payload !== null) {
      const copied = await this.pg.query(query.sql.replace(/stdin$/i, "'/dev/blob'"), [], { blob: new Blob([payload]) });
      return { rows: [], numAffectedRows: BigInt(copied.affectedRows ?? 0) };
    }
    // Parameterless SQL goes through the simple protocol so multi-statement scripts
    // (migrations) behave as on PostgreSQL; the last statement's result is returned.
    const result =
      query.parameters.length === 0
        ? lastResult(await this.pg.exec(query.sql))
        : await this.pg.query<R>(query.sql, [...query.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      ...(affected !== undefined && result.fields.length === 0
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }
  // eslint-disable-next-line require-yield -- streaming is not supported on one connection
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite driver does not support streaming queries.");
  }
}

function lastResult(results: Results[]): Results {
  const last = results[results.length - 1];
  return last ?? { rows: [], fields: [], affectedRows: 0 };
}
