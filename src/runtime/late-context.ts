import type { AppContext } from "../platform/app/context.js";
import type { Config } from "../platform/config/config.js";
import type { Logger } from "../platform/log/logger.js";

/**
 * A context whose database, clock and packs are bound once the database is open. It lets the
 * HTTP app be built while the embedded database starts (start-up time); route factories only
 * touch those fields when a request arrives, which is after bind() (the server listens later).
 */
export function lateContext(config: Config, log: Logger): { ctx: AppContext; bind(real: AppContext): void } {
  let real: AppContext | null = null;
  const get = (): AppContext => {
    if (!real) throw new Error("the database is not open yet: the server must not listen before bind()");
    return real;
  };
  const ctx: AppContext = {
    config,
    log,
    get db() {
      return get().db;
    },
    get engine() {
      return get().engine;
    },
    get dbConnections() {
      return get().dbConnections;
    },
    get clock() {
      return get().clock;
    },
    get packs() {
      return get().packs;
    },
    notifyOutbox() {
      get().notifyOutbox();
    },
  };
  return {
    ctx,
    bind(r) {
      real = r;
    },
  };
}
