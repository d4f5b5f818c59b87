import { COMMON_USAGE, commonOptions, configFrom, type Command } from "./command.js";
import { openDatabase } from "../platform/db/open-database.js";
import { migrateToLatest, pendingMigrations } from "../platform/db/migrate.js";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Apply pending database migrations (forward-only); --status lists them",
  usage: `trellis migrate [--status]
  --status         list pending migrations without applying them
${COMMON_USAGE}`,
  options: { ...commonOptions, status: { type: "boolean" } },
  async run({ values }) {
    const config = configFrom(values);
    const handle = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : config.dataDir,
      poolSize: 1,
    });
    try {
      if (values.status) {
        const pending = await pendingMigrations(handle.db);
        console.log(pending.length === 0 ? "Database is up to date." : `Pending: ${pending.join(", ")}`);
        return 0;
      }
      const applied = await migrateToLatest(handle.db);
      console.log(applied.length === 0 ? "Database is up to date." : `Applied: ${applied.join(", ")}`);
      return 0;
    } finally {
      await handle.close();
    }
  },
};
