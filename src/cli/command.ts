import { parseArgs, type ParseArgsConfig } from "node:util";
import { loadConfig, type Config, type ConfigInput } from "../platform/config/config.js";

/** A CLI command: its usage text, its options, and what it does. Exit codes: 0 ok, 1 failed, 2 bad input. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Takes positional arguments too. */
  positionals?: boolean;
  run(args: CommandArgs): Promise<number>;
}

export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** Thrown for bad input: printed as one line, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Options every command that touches the database understands. */
export const commonOptions = {
  "data-dir": { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const COMMON_USAGE = `  --data-dir DIR   embedded database directory (env TRELLIS_DATA_DIR, default .trellis/data)
  --config FILE    JSON config file (env TRELLIS_CONFIG)
  -h, --help       show this help`;

export function configFrom(values: CommandArgs["values"], extra: Partial<ConfigInput> = {}): Config {
  const overrides: Partial<ConfigInput> = { ...extra };
  if (typeof values["data-dir"] === "string") overrides.dataDir = values["data-dir"];
  if (typeof values.port === "string") overrides.port = Number(values.port);
  const file = typeof values.config === "string" ? values.config : undefined;
  return loadConfig({ ...(file ? { file } : {}), overrides });
}

export function parse(command: Command, argv: string[]): CommandArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    return { values, positionals };
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split("\n")[0]} (see trellis ${command.name} --help)`);
  }
}

export const stringOpt = (values: CommandArgs["values"], name: string): string | undefined => {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
};
