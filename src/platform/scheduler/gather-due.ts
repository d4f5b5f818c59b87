import type { AppContext } from "../app/context.js";
import type { DueWindow, Occurrence, RuleRegistry, ScheduledRule } from "./scheduled-rule.js";

export interface DueItem {
  rule: ScheduledRule;
  occurrence: Occurrence;
}

export interface GatheredDue {
  /** In firing order: dueAt, then rule id (then subject and period, so the order is total). */
  items: DueItem[];
  /** Rules whose findDue answered. */
  evaluated: string[];
  /** Rules whose findDue threw or returned a malformed occurrence; the others still run. */
  errors: { ruleId: string; error: unknown }[];
}

/** Asks every rule what is due in the window, and orders the answers as they must fire. */
export async function gatherDue(ctx: AppContext, registry: RuleRegistry, window: DueWindow): Promise<GatheredDue> {
  const gathered: GatheredDue = { items: [], evaluated: [], errors: [] };
  // One rule after the other: PGlite has one connection anyway, and a pool stays free for requests.
  for (const rule of registry.all()) {
    try {
      const found = await rule.findDue(ctx.db, ctx, window);
      for (const occurrence of found) {
        checkOccurrence(rule, occurrence);
        if (inWindow(occurrence.dueAt, window)) gathered.items.push({ rule, occurrence });
      }
      gathered.evaluated.push(rule.id);
    } catch (error) {
      gathered.errors.push({ ruleId: rule.id, error });
    }
  }
  gathered.items.sort(compareDue);
  return gathered;
}

function inWindow(dueAt: Date, window: DueWindow): boolean {
  const t = dueAt.getTime();
  return t <= window.until.getTime() && (window.from === undefined || t > window.from.getTime());
}

function checkOccurrence(rule: ScheduledRule, o: Occurrence): void {
  const validDate = o.dueAt instanceof Date && !Number.isNaN(o.dueAt.getTime());
  if (!validDate || typeof o.subjectId !== "string" || typeof o.periodKey !== "string" || o.periodKey === "") {
    throw new Error(`rule ${rule.id} returned a malformed occurrence: ${JSON.stringify(o)}`);
  }
}

export function compareDue(a: DueItem, b: DueItem): number {
  return (
    a.occurrence.dueAt.getTime() - b.occurrence.dueAt.getTime() ||
    compareText(a.rule.id, b.rule.id) ||
    compareText(a.occurrence.subjectId, b.occurrence.subjectId) ||
    compareText(a.occurrence.periodKey, b.occurrence.periodKey)
  );
}

/** Code-point order, not locale order: every process must sort the same way. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
