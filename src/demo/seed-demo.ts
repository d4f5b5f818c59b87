import type { AppContext } from "../platform/app/context.js";
import { createUser } from "../platform/auth/create-user.js";
import { systemActor } from "../platform/timeline/actor.js";
import { DEMO_PASSWORD, DEMO_TEAM } from "./demo-team.js";
import { seedUsage, type SeedUsageResult } from "./seed-usage.js";
import { seedTrials, type SeedTrialsResult } from "./seed-trials.js";
import { seedCustomerBook, type SeedAccountsResult } from "./seed-accounts.js";

export interface SeedDemoResult {
  created: string[];
  skipped: string[];
  /** Demo instances and the usage fed to them. */
  usage: SeedUsageResult;
  /** Trial requests at every step (after the instances, so one can meet an existing instance). */
  trials: SeedTrialsResult;
  /** The customer book: accounts in every stage, played through the hand-off and lifecycle use cases (after the trials). */
  accounts: SeedAccountsResult;
}

/** Fills the demo workspace. Idempotent: people and instances that already exist are left as they are. */
export async function seedDemo(ctx: AppContext): Promise<SeedDemoResult> {
  const actor = systemActor("demo seed");
  const existing = new Set((await ctx.db.selectFrom("users").select("email").execute()).map((r) => r.email));
  const result: Omit<SeedDemoResult, "usage" | "trials" | "accounts"> = { created: [], skipped: [] };
  for (const p of DEMO_TEAM) {
    if (existing.has(p.email)) {
      result.skipped.push(p.email);
      continue;
    }
    await createUser(ctx, { ...p, password: DEMO_PASSWORD, actor });
    result.created.push(p.email);
  }
  const usage = await seedUsage(ctx);
  const trials = await seedTrials(ctx);
  return { ...result, usage, trials, accounts: await seedCustomerBook(ctx) };
}
