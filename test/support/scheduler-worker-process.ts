/**
 * A scheduler worker in its own process, for the multi-process test (PostgreSQL only):
 *   node --import tsx test/support/scheduler-worker-process.ts <postgres-url> <worker-id>
 * It builds a real app context on that database with a simulated clock (which follows
 * clock_state), runs the Scheduler with the test trial rules, prints "ready" once its catch-up
 * run is done, and stops gracefully on SIGTERM (exit 0).
 */
import type { AppContext } from "../../src/platform/app/context.js";
import { SimulatedClock } from "../../src/platform/clock/clock.js";
import { loadConfig, type Config } from "../../src/platform/config/config.js";
import { openDatabase } from "../../src/platform/db/open-database.js";
import { createLogger } from "../../src/platform/log/logger.js";
import { loadPack } from "../../src/platform/pack/load-pack.js";
import { PackRegistry } from "../../src/platform/pack/pack-registry.js";
import { readSimulatedNow } from "../../src/platform/scheduler/simulated-time.js";
import { Scheduler } from "../../src/platform/scheduler/scheduler.js";
import { createRuleRegistry } from "../../src/platform/scheduler/scheduled-rule.js";
import { trialRules } from "../scheduler/trial-rules.js";

/** Each firing holds its transaction a little, so two workers overlap on the same due work. */
const SLOW_FIRE_MS = 5;

async function main(): Promise<void> {
  const [databaseUrl, workerId] = process.argv.slice(2);
  if (!databaseUrl || !workerId) throw new Error("usage: scheduler-worker-process.ts <postgres-url> <worker-id>");
  const config = loadConfig({
    env: {},
    overrides: {
      nodeEnv: "test",
      databaseUrl,
      databasePoolSize: 2,
      clock: "simulated",
      logLevel: "silent",
      schedulerIntervalMs: 100,
    },
  });
  const ctx = await workerContext(config);
  const scheduler = new Scheduler(ctx, createRuleRegistry(trialRules({ slowFireMs: SLOW_FIRE_MS })), { workerId });
  await scheduler.start();
  process.stdout.write("ready\n");
  process.once("SIGTERM", () => {
    scheduler
      .stop()
      .then(() => ctx.close())
      .then(
        () => process.exit(0),
        (e: unknown) => fail(e),
      );
  });
}

/**
 * What createContext() builds, minus PackRegistry.init: that compares the booted pack's JSON
 * text with the jsonb stored by the first process, whose key order PostgreSQL normalises, so
 * today a second process on one database is refused ("already stored with different
 * content"). Switch to createContext() once that comparison is fixed.
 */
async function workerContext(config: Config): Promise<AppContext & { close(): Promise<void> }> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize });
  const stored = await readSimulatedNow(handle.db);
  if (!stored) throw new Error("clock_state is empty: the test stores the simulated now before starting workers.");
  const clock = new SimulatedClock(stored);
  const packs = new PackRegistry(clock);
  packs.useOnly(loadPack(config.packFile).pack);
  return {
    config,
    db: handle.db,
    engine: handle.engine,
    dbConnections: handle.connections,
    clock,
    packs,
    log: createLogger(process.env.TRELLIS_TEST_LOG ?? "silent"),
    notifyOutbox() {},
    close: () => handle.close(),
  };
}

function fail(e: unknown): never {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}

main().catch(fail);
