import type { Command } from "./command.js";
import { migrateCommand } from "./migrate-command.js";

/** Every CLI command, in the order `trellis --help` lists them. */
export const commands: Command[] = [migrateCommand];
