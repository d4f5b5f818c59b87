import { COMMON_USAGE, commonOptions, configFrom, UsageError, type Command } from "./command.js";
import { withContext } from "./with-context.js";
import { recomputeAllHealth } from "../domains/health/recompute-all.js";
import { systemActor } from "../platform/timeline/actor.js";
import { audit } from "../platform/timeline/record.js";

export const healthCommand: Command = {
  name: "health",
  summary: "Customer health: recompute every account's health score now",
  usage: `trellis health recompute
  Rescores every account that is not archived (S1), as the daily S1.daily-recompute rule does
  at 00:00 UTC; only accounts whose score or inputs moved get a history row. On the embedded
  database, stop \`trellis start\` first.
${COMMON_USAGE}`,
  options: { ...commonOptions },
  positionals: true,
  async run({ values, positionals }) {
    const [sub, ...extra] = positionals;
    if (sub !== "recompute" || extra.length > 0) throw new UsageError("health needs recompute (see trellis health --help)");
    await withContext(configFrom(values), async (ctx) => {
      const actor = systemActor("cli");
      const result = await ctx.db.transaction().execute(async (trx) => {
        const r = await recomputeAllHealth(trx, ctx, actor, "recompute");
        await audit(trx, { actor, action: "health.recomputed", at: ctx.clock.now(), subject: { type: "platform", id: "health" }, data: { ...r } });
        return r;
      });
      console.log(`Recomputed the health of ${result.accounts} accounts: ${result.changed} changed.`);
    });
    return 0;
  },
};
