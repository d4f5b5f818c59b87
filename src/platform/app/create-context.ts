import { hostname } from "node:os";
import type { Config } from "../config/config.js";
import { openDatabase, type DatabaseHandle } from "../db/open-database.js";
import { migrateToLatest, pendingMigrations } from "../db/migrate.js";
import { SimulatedClock, SystemClock, type Clock } from "../clock/clock.js";
import { PackRegistry } from "../pack/pack-registry.js";
import { loadPack } from "../pack/load-pack.js";
import { createLogger, type Logger } from "../log/logger.js";
import type { AppContext } from "./context.js";

export interface CreateContextOptions {
  config: Config;
  logger?: Logger;
  /** A database opened (tests) or still opening (trellis start); else opened from the config. */
  database?: DatabaseHandle | Promise<DatabaseHandle>;
  clock?: Clock;
  migrate?: boolean;
}

export interface OwnedContext extends AppContext {
  /** Listeners for notifyOutbox (the in-process outbox worker subscribes). */
  onOutboxNotify(listener: () => void): () => void;
  close(): Promise<void>;
}

export const processId = (): string => `${hostname()}:${process.pid}`;

export async function createContext(options: CreateContextOptions): Promise<OwnedContext> {
  const { config } = options;
  const log = options.logger ?? createLogger(config.logLevel);
  // The pack is parsed and validated before the database is awaited: when it is still opening
  // (trellis start opens PGlite in a thread meanwhile), that work is off the critical path.
  let loaded: ReturnType<typeof loadPack>;
  try {
    loaded = loadPack(config.packFile);
  } catch (e) {
    // Nothing will use the database given: close it (an open PGlite thread keeps the process alive).
    await (await Promise.resolve(options.database).catch(() => undefined))?.close();
    throw e;
  }
  const { pack, source } = loaded;
  const handle =
    (await options.database) ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      poolSize: config.databasePoolSize,
    }));
  try {
    // One cheap query on the usual start (nothing pending) instead of the migrator's lock dance.
    if (options.migrate !== false && (await pendingMigrations(handle.db)).length > 0) {
      const applied = await migrateToLatest(handle.db);
      if (applied.length > 0) log.info({ applied }, "migrations applied");
    }
    const clock = options.clock ?? (await clockFor(config, handle));
    const packs = new PackRegistry(clock);
    await packs.init(handle.db, pack, source);
    const listeners = new Set<() => void>();
    return {
      config,
      db: handle.db,
      engine: handle.engine,
      dbConnections: handle.connections,
      clock,
      packs,
      log,
      notifyOutbox() {
        for (const l of listeners) l();
      },
      onOutboxNotify(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async close() {
        listeners.clear();
        await handle.close();
      },
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * The simulated clock starts from the time stored in clock_state (so every process on one
 * database shares it), else TRELLIS_CLOCK_START, else the real time of first start.
 */
async function clockFor(config: Config, handle: DatabaseHandle): Promise<Clock> {
  if (config.clock === "system") return new SystemClock();
  const row = await handle.db.selectFrom("clock_state").select("now").where("id", "=", 1).executeTakeFirst();
  const start = row?.now ?? (config.clockStart ? new Date(config.clockStart) : new Date());
  if (!row) {
    await handle.db
      .insertInto("clock_state")
      .values({ id: 1, now: start, updated_at: new Date() })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
  return new SimulatedClock(start);
}
