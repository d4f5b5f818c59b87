import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { modelNamed } from "./health-model.js";
import { withRedFlag, type RedFlagColumns } from "./recompute.js";
import { HealthInputError, scoreAccount, type CategoryScore, type HealthInputs } from "./score.js";

/** What a stored score shows besides its numbers: the graded categories and the explanation. */
export interface StoredResult {
  categories: CategoryScore[];
  explanation: string[];
}

/** The columns of a health_scores row the result is rebuilt from. */
export interface StoredScoreRow {
  model: string;
  pack_version: string | null;
  inputs: unknown;
  /** Rows written before migration 0011 carry their rendered result. */
  result: unknown;
}

/** The pack versions a process knows (PackRegistry). */
export interface KnownPacks {
  all(): readonly ProcessPack[];
  current(): ProcessPack;
}

/**
 * A stored score's categories and explanation. History rows keep only the inputs, the model's
 * name and the pack version (decision 0023); scoring is pure, so scoring the same traits with the
 * same pack version's model gives back exactly what was computed then. `flag` is the account's
 * red flag as it stands (S3: the flag's line leads the explanation while it is set; setting or
 * clearing it rescored the account). Null when the row cannot be rebuilt (its pack version and
 * model are gone and the current pack no longer accepts its traits): callers show the numbers.
 */
export function storedResult(packs: KnownPacks, row: StoredScoreRow, flag: RedFlagColumns): StoredResult | null {
  const legacy = parseResult(row.result);
  if (legacy) return legacy;
  const pack = (row.pack_version === null ? undefined : packs.all().find((p) => p.version === row.pack_version)) ?? packs.current();
  const model = modelNamed(pack, row.model) ?? modelNamed(packs.current(), row.model);
  if (!model) return null;
  const inputs = (row.inputs as { traits?: HealthInputs } | null)?.traits ?? {};
  try {
    const scored = withRedFlag(scoreAccount(model, inputs), flag);
    return { categories: scored.categories, explanation: scored.explanation };
  } catch (error) {
    // A trait value the model no longer accepts: nothing trustworthy to show.
    if (error instanceof HealthInputError) return null;
    throw error;
  }
}

function parseResult(value: unknown): StoredResult | null {
  const parsed: unknown = typeof value === "string" ? JSON.parse(value) : value;
  if (parsed === null || typeof parsed !== "object") return null;
  const r = parsed as Partial<StoredResult>;
  return Array.isArray(r.categories) && Array.isArray(r.explanation) ? { categories: r.categories, explanation: r.explanation } : null;
}
