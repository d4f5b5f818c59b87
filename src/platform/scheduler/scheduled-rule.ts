import { sql, type Expression, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { AppContext } from "../app/context.js";
import type { Database } from "../db/database.js";
import type { Actor } from "../timeline/actor.js";

export type Executor = Kysely<Database> | Transaction<Database>;

/** One thing a rule must do once: for this record, in this period, from this moment on. */
export interface Occurrence {
  subjectId: string;
  /**
   * Which period of the rule this is: ONCE_PERIOD for one-shot rules ("10 days after
   * hand-off"), a UTC date or week for recurring ones. (rule, subject, period) is the
   * exactly-once key in scheduler_firings.
   */
  periodKey: string;
  /** When it became due, computed from stored dates (never from when it was noticed). */
  dueAt: Date;
}

/** The window a rule is asked about: occurrences with from < dueAt <= until. */
export interface DueWindow {
  /** Exclusive lower bound; undefined means "everything not fired yet". */
  from?: Date | undefined;
  until: Date;
}

/**
 * A time-based rule, evaluated from stored dates by the scheduler. Rules never keep timers:
 * `findDue` asks the database what is due, and `fire` makes the change.
 */
export interface ScheduledRule {
  /** Stable id recorded with every firing and effect ("T9.warning", "platform.sessions-expire"). */
  readonly id: string;
  readonly description: string;
  /** The record type occurrences are about ("trial", "account", "platform"). */
  readonly subjectType: string;
  /**
   * Occurrences due in the window and not fired yet (use `notFiredYet`), by SQL over stored
   * dates, with numbers from the pack (ctx.packs.current()). Returning an occurrence that was
   * fired meanwhile is harmless (the firing key refuses it); returning one before it is due
   * is a bug. Honouring `from` is an optimisation: the scheduler filters anyway.
   */
  findDue(db: Executor, ctx: AppContext, window: DueWindow): Promise<Occurrence[]>;
  /**
   * Makes the change: records, timeline (recordChange), outbox (enqueue), all through `trx`,
   * which also holds the firing row, so both commit or roll back together. Must not use
   * ctx.db (on PGlite that waits forever for the connection `trx` holds). `actor` is
   * ruleActor(rule.id, version of the pack in force at occurrence.dueAt); ctx.clock.now() is
   * the time of the effect.
   */
  fire(trx: Transaction<Database>, ctx: AppContext, occurrence: Occurrence, actor: Actor): Promise<void>;
}

/** Period key of a rule that fires at most once per record. */
export const ONCE_PERIOD = "once";

/** The rules this process evaluates. Domains add theirs at boot. */
export interface RuleRegistry {
  all(): readonly ScheduledRule[];
  get(id: string): ScheduledRule | undefined;
  add(...rules: ScheduledRule[]): void;
}

export function createRuleRegistry(rules: readonly ScheduledRule[] = []): RuleRegistry {
  const byId = new Map<string, ScheduledRule>();
  const registry: RuleRegistry = {
    all: () => [...byId.values()],
    get: (id) => byId.get(id),
    add(...more) {
      for (const rule of more) {
        // Two rules with one id would share firing keys and silently suppress each other.
        if (byId.has(rule.id)) throw new Error(`scheduled rule ${rule.id} is registered twice.`);
        if (rule.id.trim() === "") throw new Error("a scheduled rule needs a non-empty id.");
        byId.set(rule.id, rule);
      }
    },
  };
  registry.add(...rules);
  return registry;
}

/**
 * SQL condition for findDue: no firing recorded yet for (rule, subject, period). Served by the
 * unique index of scheduler_firings.
 */
export function notFiredYet(
  rule: Pick<ScheduledRule, "id" | "subjectType">,
  subjectId: Expression<string>,
  periodKey: Expression<string> | string,
): RawBuilder<boolean> {
  const period = typeof periodKey === "string" ? sql.val(periodKey) : periodKey;
  return sql<boolean>`not exists (
    select 1 from scheduler_firings f
    where f.rule_id = ${rule.id} and f.subject_type = ${rule.subjectType}
      and f.subject_id = ${subjectId} and f.period_key = ${period})`;
}
