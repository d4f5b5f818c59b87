import { COMMON_USAGE, commonOptions, configFrom, UsageError, type Command } from "./command.js";
import { withContext } from "./with-context.js";
import { seedDemo } from "../demo/seed-demo.js";
import { DEMO_PASSWORD } from "../demo/demo-team.js";

export const seedCommand: Command = {
  name: "seed",
  summary: "Fill the demo workspace (--demo); safe to run twice",
  usage: `trellis seed --demo
${COMMON_USAGE}`,
  options: { ...commonOptions, demo: { type: "boolean" } },
  async run({ values }) {
    if (!values.demo) throw new UsageError("say what to seed: --demo (see trellis seed --help)");
    const config = configFrom(values);
    const result = await withContext(config, (ctx) => seedDemo(ctx));
    console.log(`Demo workspace: ${result.created.length} people added, ${result.skipped.length} already there.`);
    const u = result.usage;
    console.log(
      `Demo instances: ${u.created.length} added (${u.events} events, ${u.pings} pings in ${(u.ms / 1000).toFixed(1)} s), ${u.skipped.length} already there.`,
    );
    console.log(result.trials.skipped ? "Demo trial requests: already there." : `Demo trial requests: ${result.trials.leads} added, at every step from signup to hand-off.`);
    console.log(result.accounts.skipped ? "Demo customer book: already there." : `Demo customer book: ${result.accounts.accounts} accounts added, in every lifecycle stage, with contacts, tasks and docs.`);
    console.log(`Sign in as any of them (e.g. sam@demo.trellis.local, an SDR) with the password ${DEMO_PASSWORD}`);
    return 0;
  },
};
