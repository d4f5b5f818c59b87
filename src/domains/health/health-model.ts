import type { HealthCategory, HealthMissingData, HealthSection, ProcessPack } from "../../platform/pack/pack-schema.js";

/** The model one account is scored with: the pack's default, or the first override that matches it. */
export interface HealthModel {
  /** "default", or "override 1 (segments: SMB)": which model scored the account, for the explanation. */
  name: string;
  categories: HealthCategory[];
  missingData: HealthMissingData;
  /** Under "reweight", the share of the weight that must be known for a score (pack health.minKnownWeight). */
  minKnownWeight: number;
  gradePoints: HealthSection["gradePoints"];
  bands: HealthSection["bands"];
}

export interface AccountForModel {
  segment: string | null;
  /** The stage in force: the pack's stage name as accounts store it ("2. Adopting") or its key ("adopting"). */
  stage: string | null;
}

// Packs are immutable once loaded, so a model is worked out once per pack and segment/stage
// (a full recompute asks 100,000 times for a handful of distinct answers).
const modelCache = new WeakMap<HealthSection, Map<string, HealthModel>>();

/** S1: different models per segment or stage are allowed; the first override whose `when` matches wins. */
export function modelFor(pack: Pick<ProcessPack, "health" | "lifecycle">, account: AccountForModel): HealthModel {
  let models = modelCache.get(pack.health);
  if (!models) {
    models = new Map();
    modelCache.set(pack.health, models);
  }
  const key = `${account.segment ?? "\u0000"}\u0001${account.stage ?? "\u0000"}`;
  let model = models.get(key);
  if (!model) {
    model = pickModel(pack, account);
    models.set(key, model);
  }
  return model;
}

function pickModel(pack: Pick<ProcessPack, "health" | "lifecycle">, account: AccountForModel): HealthModel {
  const h = pack.health;
  const stageKey = stageKeyOf(pack.lifecycle.stages, account.stage);
  const index = h.overrides.findIndex(
    (o) =>
      (o.when.segments === undefined || (account.segment !== null && o.when.segments.includes(account.segment))) &&
      (o.when.stages === undefined || (stageKey !== null && o.when.stages.includes(stageKey))),
  );
  return modelAt(h, index);
}

/** The default model (index -1) or override `index`, with the name it is known by. */
function modelAt(h: HealthSection, index: number): HealthModel {
  const base = { gradePoints: h.gradePoints, bands: h.bands, minKnownWeight: h.minKnownWeight };
  const override = index >= 0 ? h.overrides[index] : undefined;
  if (!override) return { ...base, name: "default", categories: h.categories, missingData: h.missingData };
  const when = [
    override.when.segments ? `segments: ${override.when.segments.join(", ")}` : null,
    override.when.stages ? `stages: ${override.when.stages.join(", ")}` : null,
  ].filter((x) => x !== null);
  return { ...base, name: `override ${index + 1} (${when.join("; ")})`, categories: override.categories, missingData: override.missingData ?? h.missingData };
}

/** The pack's model of that name (as a stored score records it), or null when the pack has none. */
export function modelNamed(pack: Pick<ProcessPack, "health">, name: string): HealthModel | null {
  for (let i = -1; i < pack.health.overrides.length; i++) {
    const model = modelAt(pack.health, i);
    if (model.name === name) return model;
  }
  return null;
}

function stageKeyOf(stages: Record<string, string>, stage: string | null): string | null {
  if (stage === null) return null;
  const trimmed = stage.trim();
  return Object.keys(stages).find((key) => key === trimmed || stages[key] === trimmed) ?? null;
}
