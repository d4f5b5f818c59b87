#!/usr/bin/env node
import { ConfigError } from "../platform/config/config.js";
import { PackError } from "../platform/pack/load-pack.js";
import { isAppError } from "../platform/errors/app-error.js";
import { parse, UsageError, type Command } from "./command.js";
import { commandEntries } from "./commands.js";

const TOP_USAGE = (cmds: Command[]) => `trellis — customer-lifecycle operations

Usage: trellis <command> [options]

Commands:
${cmds.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}

Run \`trellis <command> --help\` for a command's options.`;

function usageOf(c: Command): string {
  return `${c.summary}\n\nUsage: ${c.usage}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(TOP_USAGE(await Promise.all(commandEntries.map((c) => c.load()))));
    return name ? 0 : 2;
  }
  const entry = commandEntries.find((c) => c.name === name);
  if (!entry) {
    console.error(`trellis: unknown command "${name}"; run \`trellis --help\` to list commands.`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(usageOf(command));
    return 0;
  }
  const args = parse(command, rest);
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Bad input of any kind: one line that says what to fix, exit 2.
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof PackError) {
      console.error(`trellis: ${e.message}`);
      process.exitCode = 2;
    } else if (isAppError(e)) {
      console.error(`trellis: ${e.message}`);
      process.exitCode = e.status < 500 ? 2 : 1;
    } else {
      console.error(`trellis: ${(e as Error).stack ?? String(e)}`);
      process.exitCode = 1;
    }
  },
);
