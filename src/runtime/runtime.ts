import type { AddressInfo } from "node:net";
import type { Config } from "../platform/config/config.js";
import { createContext, processId, type OwnedContext } from "../platform/app/create-context.js";
import { createLogger, type Logger } from "../platform/log/logger.js";
import { lateContext } from "./late-context.js";
import { openDatabase, type DatabaseHandle } from "../platform/db/open-database.js";
import { OutboxWorker } from "../platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../platform/outbox/default-channel-handlers.js";
import { Scheduler } from "../platform/scheduler/scheduler.js";
import type { AppServer } from "../platform/http/server.js";
import { allRules } from "./rules.js";

/** What one process runs: `start` = both (embedded default), `serve` = api, `worker` = workers. */
export interface RuntimeRoles {
  api: boolean;
  workers: boolean;
}

export interface Runtime {
  ctx: OwnedContext;
  app: AppServer | null;
  url: string | null;
  /** Graceful: stop taking requests and finish in-flight ones, release leases, close the database. */
  stop(): Promise<void>;
}

export interface StartRuntimeOptions {
  config: Config;
  roles: RuntimeRoles;
  logger?: Logger;
  /** A database already being opened (the CLI starts this before loading the server code). */
  opening?: Promise<DatabaseHandle>;
}

/**
 * Starts a process's roles. Start-up time matters (a restart is an outage): the HTTP stack is
 * loaded while the embedded database opens (WASM start-up), and the API listens before the
 * scheduler's catch-up run, which then proceeds in the background.
 */
export async function startRuntime(o: StartRuntimeOptions): Promise<Runtime> {
  const { config } = o;
  const opening =
    o.opening ??
    openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      poolSize: config.databasePoolSize,
    });
  const logger = o.logger ?? createLogger(config.logLevel);
  const late = lateContext(config, logger);
  let worker: OutboxWorker | null = null;
  let scheduler: Scheduler | null = null;
  // The HTTP app is built while the database opens; it listens only once the context is bound.
  const building = o.roles.api
    ? import("./build-app.js").then(({ buildApp }) =>
        buildApp(late.ctx, {
          services: {
            afterClockStep: async () => {
              await worker?.drain();
            },
          },
          readiness: () => Promise.resolve(o.roles.workers && scheduler && !scheduler.running ? "scheduler is not running" : null),
        }),
      )
    : null;
  building?.catch(() => undefined);
  let ctx: OwnedContext;
  try {
    ctx = await createContext({ config, database: opening, logger });
  } catch (e) {
    await (await building?.catch(() => null))?.close();
    throw e;
  }
  late.bind(ctx);
  let app: AppServer | null = null;
  try {
    let url: string | null = null;
    if (building) {
      app = await building;
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address() as AddressInfo;
      url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
    }
    if (o.roles.workers) {
      worker = new OutboxWorker(ctx, { handlers: createChannelHandlers(ctx) });
      await worker.start();
      scheduler = new Scheduler(ctx, allRules(), { workerId: `scheduler:${processId()}` });
      const started = scheduler;
      // The catch-up run can be long after downtime; it must not delay serving requests.
      started.start().catch((e: unknown) => ctx.log.error({ err: e }, "scheduler failed to start"));
    }
    let stopped: Promise<void> | null = null;
    return {
      ctx,
      app,
      url,
      stop() {
        stopped ??= (async () => {
          await app?.close();
          await scheduler?.stop();
          await worker?.stop();
          await ctx.close();
        })();
        return stopped;
      },
    };
  } catch (e) {
    await app?.close();
    await scheduler?.stop();
    await worker?.stop();
    await ctx.close();
    throw e;
  }
}
