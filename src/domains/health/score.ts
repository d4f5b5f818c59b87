import type { HealthSection, HealthTrait } from "../../platform/pack/pack-schema.js";
import { formatValue, gradeOf, gradeTrait, traitValueProblem, type HealthGrade, type TraitValue } from "./grade-trait.js";
import type { HealthModel } from "./health-model.js";

export { modelFor, type HealthModel, type AccountForModel } from "./health-model.js";
export type { HealthGrade, TraitValue, ChampionCriteria } from "./grade-trait.js";

export type HealthBand = "green" | "yellow" | "red";
/** Trait key → value; null or an absent key is missing data. */
export type HealthInputs = Readonly<Record<string, TraitValue | undefined>>;

export interface TraitScore {
  key: string;
  label: string;
  source: HealthTrait["source"];
  kind: HealthTrait["kind"];
  value: TraitValue;
  /** null when the value is missing. */
  grade: HealthGrade | null;
  /** null when missing and re-weighted away; the poor points when missing counts as poor. */
  points: number | null;
  missing: boolean;
  /** The reason without label or grade: "0.42 < 0.5", "12 (healthy < 10, poor ≥ 15)", "missing". */
  detail: string;
  explanation: string;
}

export interface CategoryScore {
  name: string;
  weight: number;
  /** The share the category really had: its weight re-scaled over the categories with data (reweight), else its weight. */
  effectiveWeight: number;
  /** Average of the traits' points, 0–100 (1 decimal); null when no trait had data (reweight). */
  score: number | null;
  grade: HealthGrade | null;
  traits: TraitScore[];
}

export interface HealthScore {
  /** Which model scored it ("default" or the override). */
  model: string;
  /** 0–100, 1 decimal; null only when not one input is known under the reweight rule. */
  score: number | null;
  band: HealthBand | null;
  /** The score rests on missing data (some trait had no value). */
  missingData: boolean;
  categories: CategoryScore[];
  explanation: string[];
}

export class HealthInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HealthInputError";
  }
}

/** Band of a (rounded) score: green at or above bands.green, yellow at or above bands.yellow, else red. */
export function bandFor(score: number, bands: HealthSection["bands"]): HealthBand {
  if (score >= bands.green) return "green";
  if (score >= bands.yellow) return "yellow";
  return "red";
}

/** A category's score read as a grade, on the same lines as the bands (for the explanation). */
function categoryGrade(score: number, bands: HealthSection["bands"]): HealthGrade {
  const band = bandFor(score, bands);
  return band === "green" ? "healthy" : band === "yellow" ? "concerning" : "poor";
}

/** Round half up to 1 decimal; the epsilon keeps 32.45 (stored as 32.4499…) from rounding down. */
function round1(n: number): number {
  return Math.round(n * 10 + 1e-9) / 10;
}

/** A share as a percentage with at most 1 decimal ("33.3%"). */
function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

// Properties spelled out rather than spread from a shared base: the spread cost most of the
// scoring time of a full recompute (about a million traits per 100,000 accounts).
function scoreTrait(trait: HealthTrait, input: TraitValue | undefined, model: HealthModel, categoryName: string, explain: boolean): TraitScore {
  if (input === null || input === undefined) {
    const countsAsPoor = model.missingData === "poor";
    return {
      key: trait.key,
      label: trait.label,
      source: trait.source,
      kind: trait.kind,
      value: null,
      grade: null,
      points: countsAsPoor ? model.gradePoints.poor : null,
      missing: true,
      detail: "missing",
      explanation: !explain ? "" : countsAsPoor ? `${trait.label} missing: counted as poor` : `${trait.label} missing: left out, ${categoryName} re-weighted`,
    };
  }
  const problem = traitValueProblem(trait, input);
  if (problem) throw new HealthInputError(`health input ${trait.key} (${trait.label}) ${problem}`);
  if (!explain) {
    const grade = gradeOf(trait, input);
    return { key: trait.key, label: trait.label, source: trait.source, kind: trait.kind, value: input, grade, points: model.gradePoints[grade], missing: false, detail: "", explanation: "" };
  }
  const { grade, detail } = gradeTrait(trait, input);
  return {
    key: trait.key,
    label: trait.label,
    source: trait.source,
    kind: trait.kind,
    value: input,
    grade,
    points: model.gradePoints[grade],
    missing: false,
    detail,
    explanation: `${trait.label} ${grade}: ${detail}`,
  };
}

export interface ScoreOptions {
  /**
   * false: numbers only: no explanation lines, trait details or explanations (empty strings).
   * The full recompute stores no rendering (it is rebuilt on read), so it skips the words for
   * the 100,000 accounts whose band did not move. Default true.
   */
  explain?: boolean;
  /**
   * false (with explain): the traits' details and explanations, but not the explanation's lines.
   * A band change's summary needs only its main reason (the traits' details), and the full
   * recompute words about 90,000 band changes when it first scores a book. Default true.
   */
  lines?: boolean;
}

/**
 * S1–S4: an account's health score from its inputs. Each trait is graded (S2, S4) and worth the
 * grade's points; a category scores the average of its traits; the score is the weighted sum of
 * the categories. Missing data follows the model's rule: "reweight" leaves a missing trait out of
 * its category and a category with no data out of the sum (the others' weights re-scaled to 1);
 * "poor" counts a missing trait as poor. Pure: the caller gathers the inputs and stores the result.
 */
export function scoreAccount(model: HealthModel, inputs: HealthInputs, options: ScoreOptions = {}): HealthScore {
  const explainIt = options.explain ?? true;
  const graded = model.categories.map((category) => {
    const traits = category.traits.map((t) => scoreTrait(t, inputs[t.key], model, category.name, explainIt));
    const points = traits.flatMap((t) => (t.points === null ? [] : [t.points]));
    const raw = points.length === 0 ? null : points.reduce((a, b) => a + b, 0) / points.length;
    return { category, traits, raw };
  });
  const knownWeight = graded.reduce((sum, g) => sum + (g.raw === null ? 0 : g.category.weight), 0);
  const categories: CategoryScore[] = graded.map(({ category, traits, raw }) => ({
    name: category.name,
    weight: category.weight,
    effectiveWeight: raw === null || knownWeight === 0 ? 0 : category.weight / knownWeight,
    score: raw === null ? null : round1(raw),
    grade: raw === null ? null : categoryGrade(round1(raw), model.bands),
    traits,
  }));
  // Weights add up to 1 (validated at load), so knownWeight is the share of the model known.
  const enough = knownWeight > 0 && (model.missingData === "poor" || knownWeight + 1e-9 >= model.minKnownWeight);
  const total = !enough ? null : graded.reduce((sum, g, i) => sum + (g.raw ?? 0) * (categories[i]?.effectiveWeight ?? 0), 0);
  const score = total === null ? null : round1(total);
  const band = score === null ? null : bandFor(score, model.bands);
  const missingData = categories.some((c) => c.traits.some((t) => t.missing));
  const explanation = explainIt && (options.lines ?? true) ? explain(model, score, band, missingData, categories, knownWeight) : [];
  return { model: model.name, score, band, missingData, categories, explanation };
}

function explain(model: HealthModel, score: number | null, band: HealthBand | null, missingData: boolean, categories: CategoryScore[], knownWeight: number): string[] {
  const { green, yellow } = model.bands;
  const lines: string[] = [];
  if (knownWeight === 0) {
    lines.push("No score: none of the health inputs is known yet.");
  } else if (score === null || band === null) {
    lines.push(`No score: not enough data. The known inputs carry ${pct(knownWeight)} of the model's weight; ${pct(model.minKnownWeight)} is needed.`);
  } else {
    lines.push(`Score ${formatValue(score)} is ${band} (red below ${yellow}, yellow from ${yellow}, green from ${green}).`);
    const parts = categories.filter((c) => c.score !== null).map((c) => `${c.name} ${formatValue(c.score ?? 0)} × ${pct(c.effectiveWeight)}`);
    lines.push(`${formatValue(score)} = ${parts.join(" + ")}${missingData && model.missingData === "reweight" ? " (weights re-scaled over the data present)" : ""}.`);
  }
  if (model.name !== "default") lines.push(`Scored with the pack's ${model.name} health model.`);
  for (const c of categories) {
    if (c.grade === null) {
      lines.push(`${c.name}: no data; left out, the other categories re-weighted.`);
      continue;
    }
    // A trait graded like its category reads "MAU/seats 0.42 < 0.5"; others say their own grade.
    const bits = c.traits.map((t) => (t.grade === c.grade ? `${t.label} ${t.detail}` : t.explanation));
    lines.push(`${c.name} ${c.grade}: ${bits.join("; ")}`);
  }
  if (missingData) {
    const missing = categories.flatMap((c) => c.traits.filter((t) => t.missing).map((t) => t.label));
    lines.push(`Rests on missing data (${model.missingData === "poor" ? "counted as poor" : "left out and re-weighted"}): ${missing.join(", ")}.`);
  }
  return lines;
}
