import { sql, type RawBuilder } from "kysely";
import { ACCOUNT_SUBJECT } from "../../accounts/account-records.js";
import { addDays } from "../../usage/days.js";
import { utcDateKey } from "../../../platform/scheduler/periods.js";
import { notFiredYet, type DueWindow, type Executor, type Occurrence, type ScheduledRule } from "../../../platform/scheduler/scheduled-rule.js";

export { ACCOUNT_SUBJECT };

export interface AccountDueQuery {
  rule: Pick<ScheduledRule, "id" | "subjectType">;
  /** When the occurrence is due: SQL over `accounts a`. */
  dueAt: RawBuilder<Date>;
  periodKey: RawBuilder<string>;
  /** What must hold now for the occurrence to exist at all (archived accounts are always out). */
  where: RawBuilder<boolean>;
}

/** Occurrences of an account rule due in the window and not fired yet, computed from stored dates. */
export async function dueAccounts(db: Executor, window: DueWindow, q: AccountDueQuery): Promise<Occurrence[]> {
  const from = window.from ?? null;
  const r = await sql<Occurrence>`
    select a.id::text as "subjectId", ${q.periodKey} as "periodKey", ${q.dueAt} as "dueAt"
    from accounts a
    where a.archived_at is null and ${q.where}
      and ${q.dueAt} <= ${window.until}::timestamptz
      and (${from}::timestamptz is null or ${q.dueAt} > ${from}::timestamptz)
      and ${notFiredYet(q.rule, sql<string>`a.id::text`, q.periodKey)}`.execute(db);
  return r.rows;
}

/** 00:00 UTC of `day + n` days, for a `date` column: "45 days before the expected close" is due at the start of that day. */
export const dayPlus = (day: RawBuilder<string>, n: number): RawBuilder<Date> => sql<Date>`((${day} + ${n}::int)::timestamp at time zone 'UTC')`;

/**
 * The index-friendly form of "`day` − n days at 00:00 UTC is due by `until`": `day` at most
 * n days after until's UTC date (served by accounts_close for the expected close date).
 */
export const dayDueBy = (day: RawBuilder<string>, daysBefore: number, until: Date): RawBuilder<boolean> =>
  sql<boolean>`${day} <= ${addDays(utcDateKey(until), daysBefore)}::date`;

/** A `date` column as 'YYYY-MM-DD' text (a period key that moves with the date). */
export const dayKey = (day: RawBuilder<string>): RawBuilder<string> => sql<string>`to_char(${day}, 'YYYY-MM-DD')`;
