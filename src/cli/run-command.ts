import { COMMON_USAGE, commonOptions, configFrom, UsageError, type Command, type CommandArgs } from "./command.js";
import type { RuntimeRoles } from "../runtime/runtime.js";
import { isServerDatabase } from "../platform/config/config.js";

const PORT_USAGE = `  --port N         HTTP port (env PORT, default 3000)`;

async function run(args: CommandArgs, roles: RuntimeRoles, name: string): Promise<number> {
  const config = configFrom(args.values);
  if (name !== "start" && !isServerDatabase(config)) {
    throw new UsageError(`\`trellis ${name}\` runs beside other processes and needs DATABASE_URL=postgres://…; use \`trellis start\` on the embedded database`);
  }
  // Signals are caught from the first moment: a SIGTERM during start-up still shuts down cleanly.
  let signalled: string | null = null;
  let onSignal: (signal: string) => void = (signal) => {
    signalled = signal;
  };
  process.once("SIGTERM", () => onSignal("SIGTERM"));
  process.once("SIGINT", () => onSignal("SIGINT"));
  // Start-up order matters (a restart is an outage): the embedded database's WASM start-up
  // runs while the server code loads. Loaded here, not at the top, so light commands skip it.
  const { openDatabase } = await import("../platform/db/open-database.js");
  const opening = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    poolSize: config.databasePoolSize,
    // The server process runs the embedded database in a thread of its own (see pglite-thread.ts).
    thread: true,
  });
  // A failed open is reported by startRuntime; don't let it surface as unhandled meanwhile.
  opening.catch(() => undefined);
  const { startRuntime } = await import("../runtime/runtime.js");
  const runtime = await startRuntime({ config, roles, opening });
  const { ctx } = runtime;
  const stopped = new Promise<void>((resolve) => {
    onSignal = (signal) => {
      ctx.log.info({ signal }, "shutting down");
      resolve();
    };
    if (signalled) onSignal(signalled);
  });
  if (roles.api) {
    // Loaded here, not at the top: the database's open must not wait for them (start-up time).
    const { ensureInitialAdmin } = await import("../platform/auth/ensure-initial-admin.js");
    const admin = await ensureInitialAdmin(ctx);
    if (args.values.demo) {
      const [{ seedDemo }, { DEMO_PASSWORD }] = await Promise.all([import("../demo/seed-demo.js"), import("../demo/demo-team.js")]);
      const seeded = await seedDemo(ctx);
      if (seeded.usage.created.length > 0) console.log(`Demo instances added: ${seeded.usage.created.join(", ")} (usage seeded in ${(seeded.usage.ms / 1000).toFixed(1)} s).`);
      if (!seeded.trials.skipped) console.log(`Demo trial requests added: ${seeded.trials.leads} (Trials → Qualification and the board).`);
      if (!seeded.accounts.skipped) console.log(`Demo customer book added: ${seeded.accounts.accounts} accounts in every lifecycle stage (Accounts, Tasks).`);
      if (seeded.created.length > 0) console.log(`Demo workspace ready: sign in as sam@demo.trellis.local (SDR), avery@demo.trellis.local (admin)… with the password ${DEMO_PASSWORD}`);
    }
    console.log(`Trellis is running at ${runtime.url} (${ctx.engine}${ctx.clock.kind === "simulated" ? ", simulated clock" : ""}).`);
    if (admin) {
      console.log(`First start: an admin account was created. Sign in once with\n  email:    ${admin.user.email}\n  password: ${admin.password}\nand change it in Settings. This password is not shown again.`);
    }
  } else {
    console.log(`Trellis worker running (${ctx.engine}): outbox delivery and scheduler.`);
  }
  await stopped;
  await runtime.stop();
  return 0;
}

export const startCommand: Command = {
  name: "start",
  summary: "Run Trellis: API, web app, outbox delivery and scheduler in one process",
  usage: `trellis start [--port N] [--demo]
${PORT_USAGE}
  --demo           fill the demo workspace first (idempotent)
${COMMON_USAGE}`,
  options: { ...commonOptions, port: { type: "string" }, demo: { type: "boolean" } },
  run: (args) => run(args, { api: true, workers: true }, "start"),
};

export const serveCommand: Command = {
  name: "serve",
  summary: "Run the API and web app only (PostgreSQL; run as many as you like)",
  usage: `trellis serve [--port N]
${PORT_USAGE}
${COMMON_USAGE}`,
  options: { ...commonOptions, port: { type: "string" }, demo: { type: "boolean" } },
  run: (args) => run(args, { api: true, workers: false }, "serve"),
};

export const workerCommand: Command = {
  name: "worker",
  summary: "Run outbox delivery and the scheduler only (PostgreSQL; run as many as you like)",
  usage: `trellis worker
${COMMON_USAGE}`,
  options: { ...commonOptions },
  run: (args) => run(args, { api: false, workers: true }, "worker"),
};
