import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { packSchema, type ProcessPack } from "./pack-schema.js";
import { defaultPack } from "../../pack/default-pack.js";

export class PackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackError";
  }
}

/** Validates a pack; throws PackError with one line per bad field ("trials.lengthDays: …"). */
export function validatePack(input: unknown, source: string): ProcessPack {
  // A pack is parsed a few times per process (start-up, stored versions): Zod's compiled
  // parser costs more to generate than it saves here, and start-up time matters.
  const result = packSchema.safeParse(input, { jitless: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new PackError(`process pack ${source} is invalid:\n  ${lines.join("\n  ")}`);
}

export function loadPack(file?: string): { pack: ProcessPack; source: string } {
  if (!file) return { pack: validatePack(defaultPack, "default"), source: "default" };
  const full = resolve(file);
  if (!existsSync(full)) throw new PackError(`process pack file ${full} does not exist: fix TRELLIS_PACK.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(full, "utf8"));
  } catch (e) {
    throw new PackError(`process pack file ${full} is not valid JSON: ${(e as Error).message}`);
  }
  return { pack: validatePack(parsed, full), source: full };
}
