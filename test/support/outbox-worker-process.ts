/**
 * An outbox worker in its own process, for crash tests (PostgreSQL only: PGlite is one
 * process). Run with `node --import tsx test/support/outbox-worker-process.ts` and:
 *   TRELLIS_TEST_DATABASE_URL  the test database
 *   TRELLIS_TEST_CLOCK_AT      ISO instant: the child's simulated clock, frozen there, so its
 *                              lease (now + TRELLIS_TEST_LEASE_SECONDS) is known to the test
 *   TRELLIS_TEST_WORKER_ID     lease owner name
 *   TRELLIS_OUTBOUND_ALLOW     as in production (the receiver is on loopback)
 * Prints "ready <workerId>" once polling. SIGTERM stops gracefully; the test uses SIGKILL.
 */
import { loadConfig } from "../../src/platform/config/config.js";
import { createContext } from "../../src/platform/app/create-context.js";
import { createLogger } from "../../src/platform/log/logger.js";
import { SimulatedClock } from "../../src/platform/clock/clock.js";
import { OutboxWorker } from "../../src/platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../../src/platform/outbox/default-channel-handlers.js";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const config = loadConfig({
  env: {},
  overrides: {
    nodeEnv: "test",
    logLevel: "silent",
    clock: "simulated",
    databaseUrl: required("TRELLIS_TEST_DATABASE_URL"),
    databasePoolSize: 2,
    outboundAllowList: (process.env.TRELLIS_OUTBOUND_ALLOW ?? "").split(",").filter(Boolean),
  },
});
// Booted like `trellis worker` (createContext), on the parent's already migrated database.
const ctx = await createContext({
  config,
  clock: new SimulatedClock(new Date(required("TRELLIS_TEST_CLOCK_AT"))),
  migrate: false,
  logger: createLogger(process.env.TRELLIS_TEST_LOG ?? "silent"),
});
const worker = new OutboxWorker(ctx, {
  handlers: createChannelHandlers(ctx),
  workerId: required("TRELLIS_TEST_WORKER_ID"),
  concurrency: 2,
  pollMs: 50,
  leaseSeconds: Number(process.env.TRELLIS_TEST_LEASE_SECONDS ?? "30"),
  listenUrl: false,
});
await worker.start();
process.stdout.write(`ready ${worker.workerId}\n`);

process.once("SIGTERM", () => {
  void worker
    .stop()
    .then(() => ctx.close())
    .then(() => process.exit(0));
});
