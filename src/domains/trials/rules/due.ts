import { sql, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../../platform/db/database.js";
import { notFiredYet, type DueWindow, type Executor, type Occurrence, type ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";

export const TRIAL_SUBJECT = "trial";

export interface TrialDueQuery {
  rule: Pick<ScheduledRule, "id" | "subjectType">;
  /** When the occurrence is due: SQL over `trials t` (and `usage_state s`, `steps st` when joined). */
  dueAt: RawBuilder<Date>;
  periodKey: RawBuilder<string>;
  /** What must hold now for the occurrence to exist at all. */
  where: RawBuilder<boolean>;
  /** Extra rows to pair each trial with (the onboarding steps). */
  crossJoin?: RawBuilder<unknown> | undefined;
}

/**
 * Occurrences of a trial rule due in the window and not fired yet, computed from stored dates.
 * `usage_state s` is left-joined so rules can ask whether the instance is still unused.
 */
export async function dueTrials(db: Executor, window: DueWindow, q: TrialDueQuery): Promise<Occurrence[]> {
  const from = window.from ?? null;
  const r = await sql<Occurrence>`
    select t.id::text as "subjectId", ${q.periodKey} as "periodKey", ${q.dueAt} as "dueAt"
    from trials t
    left join usage_state s on s.instance_id = t.instance_id
    ${q.crossJoin ? sql`cross join ${q.crossJoin}` : sql``}
    where ${q.where}
      and ${q.dueAt} <= ${window.until}::timestamptz
      and (${from}::timestamptz is null or ${q.dueAt} > ${from}::timestamptz)
      and ${notFiredYet(q.rule, sql<string>`t.id::text`, q.periodKey)}`.execute(db);
  return r.rows;
}

/** `column + n days` in SQL. */
export const plusDays = (column: RawBuilder<Date>, days: number): RawBuilder<Date> => sql<Date>`(${column} + make_interval(days => ${days}::int))`;

/**
 * T9 "unused": no code host set up and nobody but the admin joined (usage_state latches, or
 * the trial's activation stamp), or no usage reported at all.
 */
export const UNUSED_SQL = sql<boolean>`(s.code_host_configured_at is null and s.non_admin_joined_at is null and t.activated_at is null)`;

/** The same question inside a rule's transaction, for the re-check at firing time. */
export async function isUnused(trx: Transaction<Database>, trial: { instance_id: string | null; activated_at: Date | null }): Promise<boolean> {
  if (trial.activated_at) return false;
  if (!trial.instance_id) return true;
  const s = await trx
    .selectFrom("usage_state")
    .select(["code_host_configured_at", "non_admin_joined_at"])
    .where("instance_id", "=", trial.instance_id)
    .executeTakeFirst();
  return !s || (s.code_host_configured_at === null && s.non_admin_joined_at === null);
}

/**
 * Period key of the T10 rules: the end date they are about. An extension moves ends_at, so the
 * extended trial's end (and its escalation) is a new period and fires again, once.
 */
export const ENDS_KEY_SQL = sql<string>`to_char(t.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
export const endsKey = (endsAt: Date): string => `${endsAt.toISOString().slice(0, 19)}Z`;
