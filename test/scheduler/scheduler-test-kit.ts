import { sql, type Kysely } from "kysely";
import type { Database } from "../../src/platform/db/database.js";
import { createRuleRegistry, type RuleRegistry } from "../../src/platform/scheduler/scheduled-rule.js";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { createTrialsTable, insertTrials, makeTrials, trialRules, type TestTrial, type TrialRuleOptions } from "./trial-rules.js";

/** Monday 2026-01-05 09:00 UTC, the default start of simulated time in tests. */
export const T0 = new Date("2026-01-05T09:00:00Z");
export const days = (n: number): number => n * 86_400_000;
export const at = (d: number): Date => new Date(T0.getTime() + days(d));

export interface TrialWorld {
  ctx: TestContext;
  trials: TestTrial[];
  registry: RuleRegistry;
}

/** A test context with `count` trials handed off over the first 150 days, and the trial rules. */
export async function trialWorld(count: number, options: TrialRuleOptions = {}): Promise<TrialWorld> {
  const ctx = await createTestContext({ now: T0 });
  try {
    await createTrialsTable(ctx.db);
    const trials = makeTrials(T0, count, 150);
    await insertTrials(ctx.db, trials);
    return { ctx, trials, registry: createRuleRegistry(trialRules(options)) };
  } catch (e) {
    await ctx.close();
    throw e;
  }
}

export interface Effect {
  kind: string;
  subject: string;
  period: string;
  at: string;
  dueAt: string;
  packVersion: string | null;
}

/** Every timeline event the rules wrote, in a stable order. */
export async function effects(db: Kysely<Database>): Promise<Effect[]> {
  const rows = await db
    .selectFrom("timeline_events")
    .select(["kind", "subject_id", "at", "data", "pack_version"])
    .orderBy("at")
    .orderBy("kind")
    .orderBy("subject_id")
    .orderBy(sql`data->>'period'`)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    subject: r.subject_id,
    period: String(r.data.period),
    at: r.at.toISOString(),
    dueAt: String(r.data.dueAt),
    packVersion: r.pack_version,
  }));
}

/** (kind, subject, period) keys that occur more than once: must always be empty. */
export function duplicates(list: readonly Effect[]): string[] {
  const seen = new Map<string, number>();
  for (const e of list) {
    const key = `${e.kind}|${e.subject}|${e.period}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}

export async function countFirings(db: Kysely<Database>, ruleId?: string): Promise<number> {
  let q = db.selectFrom("scheduler_firings").select(sql<number>`count(*)`.as("n"));
  if (ruleId) q = q.where("rule_id", "=", ruleId);
  return (await q.executeTakeFirstOrThrow()).n;
}

export const countOf = (list: readonly Effect[], kind: string): number => list.filter((e) => e.kind === kind).length;
