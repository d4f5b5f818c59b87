import { COMMON_USAGE, commonOptions, configFrom, UsageError, type Command } from "./command.js";
import { withContext } from "./with-context.js";
import { evaluateAllStages } from "../domains/lifecycle/evaluate-all-stages.js";
import { systemActor } from "../platform/timeline/actor.js";
import { audit } from "../platform/timeline/record.js";

export const accountsCommand: Command = {
  name: "accounts",
  summary: "The customer book: re-evaluate every account's usage snapshot and lifecycle stage now",
  usage: `trellis accounts evaluate-stages
  Runs the daily L evaluation (usage snapshot and stage L1–L5 of every account in the book) at
  once, as the scheduler does at 00:00 UTC. On the embedded database, stop \`trellis start\` first.
${COMMON_USAGE}`,
  options: { ...commonOptions },
  positionals: true,
  async run({ values, positionals }) {
    const [sub, ...extra] = positionals;
    if (sub !== "evaluate-stages" || extra.length > 0) throw new UsageError("accounts needs evaluate-stages (see trellis accounts --help)");
    await withContext(configFrom(values), async (ctx) => {
      const actor = systemActor("cli");
      const result = await ctx.db.transaction().execute(async (trx) => {
        const r = await evaluateAllStages(trx, ctx, actor);
        await audit(trx, { actor, action: "lifecycle.evaluated", at: ctx.clock.now(), subject: { type: "platform", id: "lifecycle" }, data: { ...r } });
        return r;
      });
      console.log(`Evaluated ${result.evaluated} accounts: ${result.stageChanges} stage changes, ${result.written} rows written, ${result.skipped} skipped (changed meanwhile).`);
    });
    return 0;
  },
};
