import type { Command } from "./command.js";

/**
 * Every CLI command, in the order `trellis --help` lists them. Each is loaded only when it
 * runs, so start-up pays for one command's imports, not all of them.
 */
export interface CommandEntry {
  name: string;
  load: () => Promise<Command>;
}

export const commandEntries: CommandEntry[] = [
  { name: "start", load: async () => (await import("./run-command.js")).startCommand },
  { name: "serve", load: async () => (await import("./run-command.js")).serveCommand },
  { name: "worker", load: async () => (await import("./run-command.js")).workerCommand },
  { name: "migrate", load: async () => (await import("./migrate-command.js")).migrateCommand },
  { name: "users", load: async () => (await import("./users-command.js")).usersCommand },
  { name: "seed", load: async () => (await import("./seed-command.js")).seedCommand },
  { name: "clock", load: async () => (await import("./clock-command.js")).clockCommand },
  { name: "license", load: async () => (await import("./license-command.js")).licenseCommand },
  { name: "doctor", load: async () => (await import("./doctor-command.js")).doctorCommand },
  { name: "accounts", load: async () => (await import("./accounts-command.js")).accountsCommand },
  { name: "health", load: async () => (await import("./health-command.js")).healthCommand },
];
