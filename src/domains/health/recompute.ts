import { sql, type Kysely, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { lockAccount } from "../accounts/account-records.js";
import type { HealthColumns } from "./schema.js";
import { applyBandChanges, type BandChange } from "./band-change.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { canonicalJson } from "../../platform/pack/pack-registry.js";
import { gatherHealthInputs, inputsForModel, type GatheredInputs, type HealthFacts } from "./health-inputs.js";
import { modelFor, scoreAccount, type ScoreOptions, type AccountForModel, type CategoryScore, type HealthBand, type HealthGrade, type HealthScore } from "./score.js";

/** A scored account: the engine's result, when it was computed, and whether this call changed it. */
export interface HealthScoreView extends HealthScore {
  computedAt: Date;
  inputs: Record<string, unknown>;
  /** True when this computation wrote the account's health (its score, band or a trait value moved). */
  changed: boolean;
}

/** The stored inputs of a score: the model's trait values plus the facts the computed ones came from. */
export interface StoredInputs {
  traits: Record<string, unknown>;
  facts: HealthFacts;
}

/**
 * S1: recomputes one account's health the moment an input changed (ticket, activity, trait
 * edit, usage). Locks the account, gathers the inputs (health-inputs.ts), scores them with the
 * account's model and compares with its current health (account_health). Only when the score,
 * band or a trait value moved is anything written: the current health with its new inputs, and
 * — when the score, band or missing flag moved — a new "in force since", the superseded score
 * going to the history (health_scores, decision 0027); a band change also goes on the account
 * timeline with its main reason (decision 0025). Uses only `trx` (call it inside the use case's
 * transaction). Null when the account does not exist.
 */
export async function recomputeAccountHealth(
  trx: Transaction<Database>,
  ctx: AppContext,
  accountId: string,
  actor: Actor,
  cause: string,
): Promise<HealthScoreView | null> {
  const locked = await lockAccount(trx, accountId);
  if (!locked) return null;
  const current = await currentHealth(trx, locked.id);
  const account = { ...locked, ...current.columns };
  const gathered = await gatherHealthInputs(trx, ctx, { id: account.id, seats: account.seats });
  const pack = ctx.packs.current();
  const { result, traits, stored } = scoreGathered(pack, account, gathered);
  const last = current.last;
  if (last && isUnchanged(last, account.health_at, result, traits)) return { ...result, computedAt: new Date(last.at), inputs: traits, changed: false };

  const now = ctx.clock.now();
  const moved = scoreMoved(account, result);
  // The score this one supersedes goes to the history as it stands (locked above).
  if (moved && last) await supersede(trx, account.id);
  const currentRow = {
    score: result.score,
    band: result.band,
    missing_data: result.missingData,
    model: result.model,
    inputs: JSON.stringify(stored),
    pack_version: pack.version,
    cause,
    result: null,
    computed_at: now,
  };
  // The "in force since" and its cause move only with the score: trait drift alone rewrites the inputs.
  await trx
    .insertInto("account_health")
    .values({ account_id: account.id, at: now, score_cause: cause, ...currentRow })
    .onConflict((oc) =>
      oc
        .column("account_id")
        .doUpdateSet({ ...currentRow, ...(moved ? { at: now, score_cause: cause } : {}), revision: sql<number>`account_health.revision + 1` }),
    )
    .execute();
  const from = (account.health_band as HealthBand | null) ?? null;
  if (from !== result.band) await applyBandChanges(trx, ctx, [bandChange(account.id, from, account.health_score, result, cause)], actor);
  return { ...result, computedAt: now, inputs: traits, changed: true };
}

/** Copies the account's score in force, as last computed, into the history (health_scores): the next one is about to replace it. */
export async function supersede(db: Kysely<Database>, accountId: string): Promise<void> {
  await sql`
    insert into health_scores (account_id, at, score, band, missing_data, model, inputs, pack_version, result, cause)
    select account_id, at, score, band, missing_data, model, inputs, pack_version, result, score_cause
    from account_health where account_id = ${accountId}::uuid`.execute(db);
}

/**
 * The account's current health: the score in force as columns, and what it was computed from
 * (null: never scored). FOR UPDATE: a full recompute that has written this row in its
 * transaction is waited for, and its result is what this compares with (recompute-all.ts).
 */
async function currentHealth(trx: Transaction<Database>, accountId: string): Promise<{ columns: HealthColumns; last: LastScore | null }> {
  const row = await trx
    .selectFrom("account_health")
    .select(["score", "band", "missing_data", "at", "model", "inputs", "computed_at"])
    .where("account_id", "=", accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { columns: { health_score: null, health_band: null, health_missing_data: null, health_at: null }, last: null };
  const score = row.score === null ? null : Number(row.score);
  return {
    columns: { health_score: score, health_band: row.band, health_missing_data: row.missing_data, health_at: new Date(row.at) },
    last: { at: row.computed_at, score, band: row.band, missing_data: row.missing_data, model: row.model, inputs: row.inputs },
  };
}

/** The current health of an account as compared with a new score (`at`: when it was computed). */
export interface LastScore {
  at: Date | string;
  score: number | null;
  band: string | null;
  missing_data: boolean;
  model: string;
  inputs: unknown;
}

/** Scores gathered inputs with the account's model; `stored` is what the current health (and later its history row) keeps as inputs. */
export function scoreGathered(pack: Pick<ProcessPack, "health" | "lifecycle">, account: AccountForModel & RedFlagColumns, gathered: GatheredInputs, options: ScoreOptions = {}) {
  const model = modelFor(pack, { segment: account.segment, stage: account.stage });
  const traits = inputsForModel(model, gathered);
  const result = withRedFlag(scoreAccount(model, traits, options), account);
  const stored: StoredInputs = { traits, facts: gathered.facts };
  return { result, traits, stored };
}

/** S3: the columns of a person's red flag on the account. */
export interface RedFlagColumns {
  health_red_flag_reason?: string | null;
  health_red_flag_by?: string | null;
}

/**
 * S3: a person can mark an account red ("champion left") whatever its score: the band is red
 * while the flag is set, and the explanation says so first. The score itself is unchanged.
 */
export function withRedFlag(result: HealthScore, account: RedFlagColumns): HealthScore {
  const reason = account.health_red_flag_reason ?? null;
  if (reason === null) return result;
  const by = account.health_red_flag_by ? ` by ${account.health_red_flag_by}` : "";
  return { ...result, band: "red", explanation: [`Marked red${by}: ${reason}`, ...result.explanation] };
}

/** Nothing moved since the last score (score, band, missing flag, model, every trait value): no new row. */
export function isUnchanged(last: Omit<LastScore, "at">, healthAt: Date | string | null, result: HealthScore, traits: Record<string, unknown>): boolean {
  return (
    healthAt !== null &&
    (last.score === null ? null : Number(last.score)) === result.score &&
    last.band === result.band &&
    last.missing_data === result.missingData &&
    last.model === result.model &&
    sameTraits((last.inputs as Partial<StoredInputs> | null)?.traits, traits)
  );
}

/** The same trait keys with equal values (primitives compared directly, criteria objects by content). */
function sameTraits(stored: Record<string, unknown> | undefined, traits: Record<string, unknown>): boolean {
  if (!stored) return false;
  const keys = Object.keys(traits);
  if (Object.keys(stored).length !== keys.length) return false;
  for (const key of keys) {
    const a = stored[key];
    const b = traits[key];
    if (a === b) continue;
    if (a === undefined || typeof a !== "object" || typeof b !== "object" || canonicalJson(a) !== canonicalJson(b)) return false;
  }
  return true;
}

/** The account's stored health columns differ from the result (or it was never scored). */
export function scoreMoved(account: { health_at: unknown; health_score: number | null; health_band: string | null; health_missing_data: boolean | null }, result: HealthScore): boolean {
  return (
    account.health_at === null ||
    (account.health_score === null ? null : Number(account.health_score)) !== result.score ||
    account.health_band !== result.band ||
    account.health_missing_data !== result.missingData
  );
}

/** The band change of an account from its stored band and score to a new result. */
export function bandChange(accountId: string, from: HealthBand | null, previousScore: number | null, result: HealthScore, cause: string): BandChange {
  return { accountId, from, to: result.band, score: result.score, previousScore, summary: bandChangeSummary(from, result), reason: mainReason(from, result), cause };
}

/** "Health yellow → red: Utilization poor: MAU/seats 0.42 < 0.5" — the heaviest category that pulled it that way. */
export function bandChangeSummary(from: HealthBand | null, result: HealthScore): string {
  const to = result.band ?? "unscored";
  const head = from === null ? `Health scored ${to}` : `Health ${from} → ${to}`;
  const reason = mainReason(from, result);
  const score = result.score === null ? "" : ` (${result.score})`;
  return reason ? `${head}${score}: ${reason}` : `${head}${score}`;
}

const RANK: Record<HealthBand, number> = { green: 2, yellow: 1, red: 0 };
const FIRST_ORDER: Record<HealthBand, readonly HealthGrade[]> = { green: ["healthy"], yellow: ["concerning", "poor"], red: ["poor", "concerning"] };

function mainReason(from: HealthBand | null, result: HealthScore): string | null {
  if (result.band === null) return null;
  // Falling: the heaviest poor (then concerning) category; rising: the heaviest healthy one;
  // first scored: the heaviest category graded like the band.
  const order: readonly HealthGrade[] =
    from === null ? FIRST_ORDER[result.band] : RANK[result.band] < RANK[from] ? ["poor", "concerning"] : ["healthy", "concerning"];
  for (const grade of order) {
    const pick = [...result.categories].filter((c) => c.grade === grade).sort((a, b) => b.effectiveWeight - a.effectiveWeight)[0];
    if (pick) return categoryReason(pick);
  }
  return null;
}

function categoryReason(c: CategoryScore): string {
  const traits = c.traits.filter((t) => t.grade === c.grade);
  const shown = traits.length > 0 ? traits.map((t) => `${t.label} ${t.detail}`) : c.traits.filter((t) => !t.missing).map((t) => t.explanation);
  return `${c.name} ${c.grade}: ${shown.join("; ")}`;
}
