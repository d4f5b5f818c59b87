import { COMMON_USAGE, commonOptions, configFrom, type Command } from "./command.js";
import { withContext } from "./with-context.js";
import { checkDatabase, checkSmtp, checkWebhooks, type CheckResult } from "../platform/doctor/checks.js";

export const doctorCommand: Command = {
  name: "doctor",
  summary: "Check configuration, database, SMTP and webhook reachability, and say what is wrong",
  usage: `trellis doctor
  Exit code 0 when every check passes, 1 when one fails, 2 when the configuration is invalid.
${COMMON_USAGE}`,
  options: { ...commonOptions },
  async run({ values }) {
    // configFrom throws a ConfigError (exit 2, one line) for a bad setting: that is check one.
    const config = configFrom(values);
    console.log(`✓ configuration: valid (${config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`}, clock ${config.clock})`);
    const results = await withContext(config, async (ctx): Promise<CheckResult[]> => [
      await checkDatabase(ctx),
      await checkSmtp(ctx),
      ...(await checkWebhooks(ctx)),
    ]);
    for (const r of results) console.log(`${r.skipped ? "-" : r.ok ? "✓" : "✗"} ${r.name}: ${r.detail}`);
    const failed = results.filter((r) => !r.ok).length;
    console.log(failed === 0 ? "All checks passed." : `${failed} check${failed === 1 ? "" : "s"} failed.`);
    return failed === 0 ? 0 : 1;
  },
};
