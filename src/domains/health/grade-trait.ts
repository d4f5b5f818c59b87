import { conditionText, type HealthCondition, type HealthTrait } from "../../platform/pack/pack-schema.js";

export type HealthGrade = "healthy" | "concerning" | "poor";
/** S4: which champion criteria hold, by criterion key; an absent key does not hold. */
export type ChampionCriteria = Record<string, boolean>;
/** One trait's input; null (or an absent key) means the data is missing. */
export type TraitValue = number | boolean | HealthGrade | ChampionCriteria | null;

export interface TraitGrading {
  grade: HealthGrade;
  /** Why, without the label or grade: "0.42 < 0.5", "12 (healthy < 10, poor ≥ 15)", "yes". */
  detail: string;
}

const GRADES: readonly HealthGrade[] = ["healthy", "concerning", "poor"];
const GRADE_LABEL: Record<HealthGrade, string> = { healthy: "Healthy", concerning: "Concerning", poor: "Poor" };
const number = new Intl.NumberFormat("en", { maximumFractionDigits: 3, useGrouping: false });

/**
 * How a value shows in explanations: at most 3 decimals, so 0.4999 does not read as 0.5.
 * Plain arithmetic for the everyday range (a full recompute formats about a million values, and
 * Intl costs several times more); Intl for the rest (huge numbers would print in exponent form).
 */
export function formatValue(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (!Number.isFinite(n) || Math.abs(n) >= 1e12 || Object.is(n, -0)) return number.format(n);
  // Half away from zero on the magnitude, as Intl rounds.
  const rounded = Math.round(Math.abs(n) * 1000) / 1000;
  return rounded === 0 ? "0" : String(n < 0 ? -rounded : rounded);
}

const conditionTexts = new WeakMap<HealthCondition, string>();
/** conditionText, once per pack condition (they are immutable after load). */
function conditionLabel(c: HealthCondition): string {
  let text = conditionTexts.get(c);
  if (text === undefined) {
    text = conditionText(c);
    conditionTexts.set(c, text);
  }
  return text;
}

function meets(value: number, c: HealthCondition): boolean {
  if (c.lt !== undefined) return value < c.lt;
  if (c.lte !== undefined) return value <= c.lte;
  if (c.gt !== undefined) return value > c.gt;
  if (c.gte !== undefined) return value >= c.gte;
  return false;
}

function isChampionCriteria(v: unknown): v is ChampionCriteria {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "boolean");
}

/** Why a (non-missing) value does not fit the trait, or null when it does. For API validation as well as scoring. */
export function traitValueProblem(trait: HealthTrait, value: unknown): string | null {
  switch (trait.kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "must be a finite number";
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "grade":
      return typeof value === "string" && (GRADES as readonly string[]).includes(value) ? null : `must be one of ${GRADES.join(", ")}`;
    case "champion": {
      if (!isChampionCriteria(value)) return "must be an object of criterion key → true/false";
      const known = new Set(trait.criteria.map((c) => c.key));
      const unknown = Object.keys(value).filter((k) => !known.has(k));
      return unknown.length === 0 ? null : `unknown criteria ${unknown.join(", ")}: must be among ${[...known].join(", ")}`;
    }
  }
}

/** S2/S4: the grade of one present value. The caller has checked it with traitValueProblem. */
export function gradeOf(trait: HealthTrait, value: Exclude<TraitValue, null>): HealthGrade {
  switch (trait.kind) {
    case "number": {
      const v = value as number;
      return meets(v, trait.healthy) ? "healthy" : meets(v, trait.poor) ? "poor" : "concerning";
    }
    case "boolean":
      return value === true ? "healthy" : "poor";
    case "grade":
      return value as HealthGrade;
    case "champion": {
      const held = value as ChampionCriteria;
      return trait.criteria.every((c) => held[c.key] === true) ? "healthy" : "poor";
    }
  }
}

/** The grade of one present value and why (gradeOf plus the reason in words). */
export function gradeTrait(trait: HealthTrait, value: Exclude<TraitValue, null>): TraitGrading {
  const grade = gradeOf(trait, value);
  return { grade, detail: gradeDetail(trait, value, grade) };
}

function gradeDetail(trait: HealthTrait, value: Exclude<TraitValue, null>, grade: HealthGrade): string {
  switch (trait.kind) {
    case "number": {
      const shown = formatValue(value as number);
      if (grade === "healthy") return `${shown} ${conditionLabel(trait.healthy)}`;
      if (grade === "poor") return `${shown} ${conditionLabel(trait.poor)}`;
      return `${shown} (healthy ${conditionLabel(trait.healthy)}, poor ${conditionLabel(trait.poor)})`;
    }
    case "boolean":
      return value === true ? "yes" : "no";
    case "grade":
      return `set to ${GRADE_LABEL[value as HealthGrade]}`;
    case "champion": {
      const held = value as ChampionCriteria;
      const lacking = trait.criteria.filter((c) => held[c.key] !== true);
      if (lacking.length === 0) return `all ${trait.criteria.length} criteria hold`;
      const holding = trait.criteria.length - lacking.length;
      return `${holding} of ${trait.criteria.length} criteria hold, all must (lacking: ${lacking.map((c) => c.label).join(", ")})`;
    }
  }
}
