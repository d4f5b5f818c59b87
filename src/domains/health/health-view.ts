import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import { notFound } from "../../platform/errors/app-error.js";
import { systemActor } from "../../platform/timeline/actor.js";
import { recomputeAccountHealth } from "./recompute.js";
import type { CategoryScore, HealthBand } from "./score.js";
import { storedResult, type KnownPacks } from "./stored-result.js";

export interface ManualTraitView {
  trait: string;
  value: unknown;
  note: string | null;
  setBy: string;
  setAt: Date;
}

/** GET /accounts/:id/health: the latest score with its categories, explanation and the manual traits people set. */
export interface HealthView {
  accountId: string;
  score: number | null;
  band: HealthBand | null;
  missingData: boolean;
  model: string;
  /** When the inputs were last computed (a drift within the grades moves it). */
  computedAt: Date;
  /** When the score in force was set (its last change of score, band or missing flag). */
  scoreSince: Date;
  /** What triggered the computation ("ticket", "trait:taPulse", "recompute"…). */
  cause: string;
  categories: CategoryScore[];
  explanation: string[];
  /** The trait values it was scored on (null = missing). */
  inputs: Record<string, unknown>;
  manual: ManualTraitView[];
  /** S3: a person's red flag (the band is red while it is set), or null. */
  redFlag: { reason: string; by: string | null; at: Date | null } | null;
}

/** The account's current health (account_health) as a HealthView, or null when it was never scored. */
export async function readHealthView(db: Kysely<Database> | Transaction<Database>, packs: KnownPacks, accountId: string): Promise<HealthView | null> {
  const row = await db.selectFrom("account_health").selectAll().where("account_id", "=", accountId).executeTakeFirst();
  if (!row) return null;
  const manual = await db.selectFrom("health_manual_traits").selectAll().where("account_id", "=", accountId).orderBy("trait").execute();
  const flag = await db
    .selectFrom("accounts")
    .select(["health_red_flag_reason", "health_red_flag_by", "health_red_flag_at"])
    .where("id", "=", accountId)
    .executeTakeFirst();
  const result = storedResult(packs, row, flag ?? {}) ?? {
    categories: [],
    explanation: ["The explanation of this score is no longer available: the pack version that scored it is gone. It returns with the next recompute."],
  };
  const inputs = row.inputs as unknown as { traits?: Record<string, unknown> };
  return {
    accountId,
    score: row.score === null ? null : Number(row.score),
    band: row.band as HealthBand | null,
    missingData: row.missing_data,
    model: row.model,
    computedAt: new Date(row.computed_at),
    scoreSince: new Date(row.at),
    cause: row.cause,
    categories: result.categories,
    explanation: result.explanation,
    inputs: inputs.traits ?? {},
    manual: manual.map((m) => ({ trait: m.trait, value: m.value as unknown, note: m.note, setBy: m.set_by, setAt: new Date(m.set_at) })),
    redFlag:
      flag && flag.health_red_flag_reason !== null
        ? { reason: flag.health_red_flag_reason, by: flag.health_red_flag_by, at: flag.health_red_flag_at === null ? null : new Date(flag.health_red_flag_at) }
        : null,
  };
}

/** The account's health; an account never scored is scored now (and the score kept), so the first view is never empty. */
export async function getAccountHealth(ctx: AppContext, accountId: string): Promise<HealthView> {
  const account = await ctx.db
    .selectFrom("accounts as a")
    .leftJoin("account_health as h", "h.account_id", "a.id")
    .select(["a.id", "h.at as health_at"])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
  if (!account) throw notFound("Account", accountId);
  const stored = account.health_at === null ? null : await readHealthView(ctx.db, ctx.packs, accountId);
  if (stored) return stored;
  return ctx.db.transaction().execute(async (trx) => {
    await recomputeAccountHealth(trx, ctx, accountId, systemActor("health"), "first view");
    const view = await readHealthView(trx, ctx.packs, accountId);
    if (!view) throw notFound("Account", accountId);
    return view;
  });
}

export interface HealthHistoryItem {
  at: Date;
  score: number | null;
  band: HealthBand | null;
  missingData: boolean;
  cause: string;
}

/**
 * GET /accounts/:id/health/history: the scores set in the last `days` days, oldest first (the
 * trend): the superseded ones (health_scores), then the score in force (account_health).
 */
export async function getHealthHistory(ctx: AppContext, accountId: string, days: number): Promise<{ items: HealthHistoryItem[] }> {
  const account = await ctx.db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", accountId);
  const since = new Date(ctx.clock.now().getTime() - days * DAY_MS);
  // One statement, so that a score superseded meanwhile is in one part or the other.
  const { rows } = await sql<{ at: Date | string; score: number | null; band: string | null; missing_data: boolean; cause: string }>`
    select at, score, band, missing_data, cause from (
      select at, score, band, missing_data, cause, 0 as part, id from health_scores where account_id = ${accountId}::uuid and at >= ${since}
      union all
      select at, score, band, missing_data, score_cause, 1, 0 from account_health where account_id = ${accountId}::uuid and at >= ${since}
    ) s order by part, at, id`.execute(ctx.db);
  return {
    items: rows.map((r) => ({
      at: new Date(r.at),
      score: r.score === null ? null : Number(r.score),
      band: r.band as HealthBand | null,
      missingData: r.missing_data,
      cause: r.cause,
    })),
  };
}
