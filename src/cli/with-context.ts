import type { Config } from "../platform/config/config.js";
import { createContext, type OwnedContext } from "../platform/app/create-context.js";
import { createLogger } from "../platform/log/logger.js";

/** Opens the database (migrating it), runs fn, closes. Logs go to stderr so stdout stays clean. */
export async function withContext<T>(config: Config, fn: (ctx: OwnedContext) => Promise<T>): Promise<T> {
  const ctx = await createContext({ config, logger: createLogger(config.logLevel === "info" ? "warn" : config.logLevel, process.stderr) });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
