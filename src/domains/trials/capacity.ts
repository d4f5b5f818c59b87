import { sql, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { requestProvisioning } from "./request-provisioning.js";
import { SLOT_STATES } from "./schema.js";

export interface Capacity {
  /** T5: the pack's cap on concurrently managed trial instances. */
  max: number;
  /** Trials holding a slot: provisioning, running or awaiting a decision. */
  used: number;
  remaining: number;
  /** Approved trials waiting for a slot. */
  queued: number;
}

export async function trialCapacity(db: Executor, pack: ProcessPack): Promise<Capacity> {
  const row = await db
    .selectFrom("trials")
    .select((eb) => [
      eb.fn.count<string>("id").filterWhere("state", "in", SLOT_STATES).as("used"),
      eb.fn.count<string>("id").filterWhere("state", "=", "queued").as("queued"),
    ])
    .executeTakeFirstOrThrow();
  const max = pack.trials.maxConcurrentInstances;
  const used = Number(row.used);
  return { max, used, remaining: Math.max(0, max - used), queued: Number(row.queued) };
}

/**
 * T5: starts provisioning for queued trials, oldest approval first, while slots are free. Called
 * in the transaction that approved a trial or freed a slot. The advisory lock serialises
 * concurrent callers on PostgreSQL so two transactions cannot both take the last slot.
 */
export async function startQueuedTrials(trx: Transaction<Database>, ctx: AppContext, actor: Actor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('trellis.trial_capacity'))`.execute(trx);
  const { remaining } = await trialCapacity(trx, ctx.packs.current());
  if (remaining === 0) return;
  const next = await trx
    .selectFrom("trials")
    .selectAll()
    .where("state", "=", "queued")
    .orderBy("approved_at")
    .orderBy("id")
    .limit(remaining)
    .execute();
  for (const trial of next) await requestProvisioning(trx, ctx, { trial, actor });
}

/** 1-based place of each queued trial, for "3rd in line" on the board. */
export async function queuePositions(db: Executor): Promise<Map<string, number>> {
  const rows = await db.selectFrom("trials").select("id").where("state", "=", "queued").orderBy("approved_at").orderBy("id").execute();
  return new Map(rows.map((r, i) => [r.id, i + 1]));
}
