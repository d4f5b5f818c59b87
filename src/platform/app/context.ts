import type { Kysely } from "kysely";
import type { Config } from "../config/config.js";
import type { Database } from "../db/database.js";
import type { Engine } from "../db/open-database.js";
import type { Clock } from "../clock/clock.js";
import type { PackRegistry } from "../pack/pack-registry.js";
import type { Logger } from "../log/logger.js";

/**
 * Everything a use case may depend on, injected. Built once per process by createContext();
 * tests build one per test database.
 */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  engine: Engine;
  /** How many connections `db` can hold at once (1 on PGlite): what may run beside a transaction. */
  dbConnections: number;
  clock: Clock;
  packs: PackRegistry;
  log: Logger;
  /** Wakes this process's outbox workers after a commit that enqueued something. */
  notifyOutbox(): void;
}
