import { COMMON_USAGE, commonOptions, configFrom, UsageError, type Command } from "./command.js";
import { withContext } from "./with-context.js";
import { parseDuration } from "../platform/clock/clock.js";
import { advanceClock } from "../platform/scheduler/advance-clock.js";
import { systemActor } from "../platform/timeline/actor.js";
import { allRules } from "../runtime/rules.js";
import { OutboxWorker } from "../platform/outbox/outbox-worker.js";
import { createChannelHandlers } from "../platform/outbox/default-channel-handlers.js";

export const clockCommand: Command = {
  name: "clock",
  summary: "Simulated time: show it, or advance it and run every rule that falls due",
  usage: `trellis clock show
       trellis clock advance <duration>     e.g. 10d, 36h, 90m, 2w
  Needs TRELLIS_CLOCK=simulated (refused with NODE_ENV=production). On the embedded database,
  stop \`trellis start\` first (one process owns the data directory) or use the Settings page.
${COMMON_USAGE}`,
  options: { ...commonOptions },
  positionals: true,
  async run({ values, positionals }) {
    const [sub, arg, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (see trellis clock --help)`);
    const config = configFrom(values);
    if (config.clock !== "simulated") throw new UsageError("the clock is not simulated: set TRELLIS_CLOCK=simulated");
    if (sub === "show") {
      await withContext(config, (ctx) => {
        console.log(ctx.clock.now().toISOString());
        return Promise.resolve();
      });
      return 0;
    }
    if (sub !== "advance") throw new UsageError("clock needs show or advance <duration> (see trellis clock --help)");
    const by = arg === undefined ? null : parseDuration(arg);
    if (by === null) throw new UsageError(`"${arg ?? ""}" is not a duration: use e.g. 10d, 36h, 90m or 2w`);
    await withContext(config, async (ctx) => {
      const outbox = new OutboxWorker(ctx, { handlers: createChannelHandlers(ctx), listenUrl: false });
      const result = await advanceClock(ctx, allRules(), {
        by,
        actor: systemActor("cli"),
        afterStep: async () => {
          await outbox.drain();
        },
      });
      const fired = Object.entries(result.fired).map(([rule, n]) => `${rule} ×${n}`);
      console.log(`Clock moved from ${result.from.toISOString()} to ${result.to.toISOString()} in ${result.steps} steps.`);
      console.log(fired.length === 0 ? "No rule fell due." : `Fired: ${fired.join(", ")}`);
      const failed = Object.entries(result.failed).map(([rule, n]) => `${rule} ×${n}`);
      if (failed.length > 0) console.log(`Failed (retried on the next run): ${failed.join(", ")}`);
    });
    return 0;
  },
};
