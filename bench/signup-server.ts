import { loadConfig } from "../src/platform/config/config.js";
import { createContext } from "../src/platform/app/create-context.js";
import { createLogger } from "../src/platform/log/logger.js";
import { validatePack } from "../src/platform/pack/load-pack.js";
import { buildApp } from "../src/runtime/build-app.js";
import { defaultPack } from "../src/pack/default-pack.js";

/**
 * The signup benchmark's server: the real app on loopback in its own process. All clients come
 * from 127.0.0.1, so the pack's per-IP limit is lifted (the limit's own query still runs).
 */
const url = process.env.BENCH_SIGNUP_DATABASE_URL;
const config = loadConfig({ env: {}, overrides: { logLevel: "silent", ...(url ? { databaseUrl: url } : { dataDir: process.env.BENCH_SIGNUP_DATA_DIR }) } });
const ctx = await createContext({ config, logger: createLogger("silent") });
const pack = structuredClone(defaultPack);
ctx.packs.useOnly(validatePack({ ...pack, signup: { ...pack.signup, rateLimit: { windowMinutes: 60, perIp: 1_000_000, perDomain: 1_000_000 } } }, "bench"));
const app = await buildApp(ctx, { serveWeb: false });
await app.listen({ host: "127.0.0.1", port: 0 });
const address = app.server.address();
process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
process.on("message", (m: { cmd?: string }) => {
  if (m.cmd !== "stop") return;
  void (async () => {
    await app.close();
    await ctx.close();
    process.exit(0);
  })();
});
