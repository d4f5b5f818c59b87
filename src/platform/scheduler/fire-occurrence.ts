import { sql } from "kysely";
import type { AppContext } from "../app/context.js";
import { ruleActor } from "../timeline/actor.js";
import { packAt } from "./pack-at.js";
import type { Occurrence, ScheduledRule } from "./scheduled-rule.js";

/**
 * fired: this call recorded the firing and made the change.
 * taken: a firing for (rule, subject, period) was already committed.
 * busy: another worker is firing it right now (its transaction holds the advisory lock);
 *       if that transaction fails, a later run retries.
 * failed: fire() threw; the firing row rolled back with the change, so a later run retries.
 */
export type FireOutcome =
  | { kind: "fired" }
  | { kind: "taken" }
  | { kind: "busy" }
  | { kind: "failed"; error: unknown };

/**
 * Advisory-lock namespace of the scheduler (first key of the two-int form), so its locks never
 * meet another subsystem's. Value: the ASCII bytes of "trls".
 */
export const SCHEDULER_LOCK_NAMESPACE = 0x74726c73;

/**
 * Fires one occurrence in its own transaction. Exactly-once rests on the unique key of
 * scheduler_firings: the firing row and the rule's change commit together or not at all.
 * The advisory lock only spares a second worker from queueing behind the first one's
 * uncommitted insert (it moves on to other work instead); on PGlite (one connection) it is
 * always granted and changes nothing.
 */
export async function fireOccurrence(
  ctx: AppContext,
  rule: ScheduledRule,
  occurrence: Occurrence,
  workerId: string,
): Promise<FireOutcome> {
  const pack = packAt(ctx.packs, occurrence.dueAt);
  const key = JSON.stringify([rule.id, rule.subjectType, occurrence.subjectId, occurrence.periodKey]);
  try {
    return await ctx.db.transaction().execute(async (trx): Promise<FireOutcome> => {
      const lock = await sql<{ granted: boolean }>`
        select pg_try_advisory_xact_lock(${SCHEDULER_LOCK_NAMESPACE}::int4, hashtext(${key})) as granted`.execute(trx);
      if (lock.rows[0]?.granted !== true) return { kind: "busy" };
      const inserted = await trx
        .insertInto("scheduler_firings")
        .values({
          rule_id: rule.id,
          subject_type: rule.subjectType,
          subject_id: occurrence.subjectId,
          period_key: occurrence.periodKey,
          due_at: occurrence.dueAt,
          fired_at: ctx.clock.now(),
          pack_version: pack.version,
          worker: workerId,
        })
        .onConflict((oc) => oc.columns(["rule_id", "subject_type", "subject_id", "period_key"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) return { kind: "taken" };
      await rule.fire(trx, ctx, occurrence, ruleActor(rule.id, pack.version));
      return { kind: "fired" };
    });
  } catch (error) {
    return { kind: "failed", error };
  }
}
