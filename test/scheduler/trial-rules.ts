import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { AppContext } from "../../src/platform/app/context.js";
import type { Database } from "../../src/platform/db/database.js";
import { DAY_MS } from "../../src/platform/clock/clock.js";
import { enqueue } from "../../src/platform/outbox/enqueue.js";
import { recordChange } from "../../src/platform/timeline/record.js";
import type { Actor } from "../../src/platform/timeline/actor.js";
import { floorUtcDay } from "../../src/platform/scheduler/periods.js";
import {
  ONCE_PERIOD,
  notFiredYet,
  type DueWindow,
  type Executor,
  type Occurrence,
  type ScheduledRule,
} from "../../src/platform/scheduler/scheduled-rule.js";

/**
 * Test rules over a table the tests create (test_trials), shaped like the real T9 rules:
 * a warning N days after hand-off, a termination M days after the warning actually went out
 * (so it depends on a date another rule writes), and a weekly check-in per trial. Shared by
 * the tests and by test/support/scheduler-worker-process.ts.
 */
export const SUBJECT = "test_trial";
export const WARNING = "test.T9-warning";
export const TERMINATION = "test.T9-termination";
export const WEEKLY = "test.weekly-check-in";

export async function createTrialsTable(db: Kysely<Database>): Promise<void> {
  await sql`create table test_trials (
    id text primary key,
    handed_off_at timestamptz not null,
    warned_at timestamptz,
    terminated_at timestamptz
  )`.execute(db);
}

export async function insertTrials(db: Kysely<Database>, trials: readonly TestTrial[]): Promise<void> {
  for (const t of trials) {
    await sql`insert into test_trials (id, handed_off_at) values (${t.id}, ${t.handedOffAt})`.execute(db);
  }
}

export interface TestTrial {
  id: string;
  handedOffAt: Date;
}

/** `count` trials handed off at scattered (but fixed) hours over `overDays` days from `start`. */
export function makeTrials(start: Date, count: number, overDays: number): TestTrial[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `trial-${String(i).padStart(3, "0")}`,
    handedOffAt: new Date(start.getTime() + ((i * 7919) % (overDays * 24)) * 3_600_000 + i * 60_000),
  }));
}

export interface TrialRuleOptions {
  /** fire() throws for these trial ids after writing its effects (to prove they roll back). */
  failFor?: ReadonlySet<string>;
  /** Each firing holds its transaction this long (makes workers overlap in the multi-process test). */
  slowFireMs?: number;
  /** Awaited inside every fire(), in the transaction (to stop a scheduler mid-run). */
  beforeFire?: (occurrence: Occurrence) => Promise<void>;
}

export function trialRules(options: TrialRuleOptions = {}): ScheduledRule[] {
  const effect = async (trx: Transaction<Database>, ruleId: string, o: Occurrence): Promise<void> => {
    await options.beforeFire?.(o);
    if (options.slowFireMs) await sql`select pg_sleep(${options.slowFireMs / 1000})`.execute(trx);
    if (options.failFor?.has(o.subjectId)) throw new Error(`${ruleId} failed on purpose for ${o.subjectId}`);
  };
  const timeline = (trx: Transaction<Database>, ctx: AppContext, o: Occurrence, actor: Actor, kind: string) =>
    recordChange(trx, {
      actor,
      action: kind,
      summary: kind,
      at: ctx.clock.now(),
      subject: { type: SUBJECT, id: o.subjectId },
      data: { period: o.periodKey, dueAt: o.dueAt.toISOString() },
    });

  const warning: ScheduledRule = {
    id: WARNING,
    description: "Warn a trial N days (pack trials.unusedWarningDays) after hand-off.",
    subjectType: SUBJECT,
    findDue: (db, ctx, w) =>
      oneShotDue(db, w, WARNING, sql`t.handed_off_at + make_interval(days => ${ctx.packs.current().trials.unusedWarningDays})`),
    async fire(trx, ctx, o, actor) {
      const now = ctx.clock.now();
      await sql`update test_trials set warned_at = ${now} where id = ${o.subjectId}`.execute(trx);
      await timeline(trx, ctx, o, actor, "trial.unused_warning");
      await enqueue(trx, {
        channel: "email",
        payload: { to: [`${o.subjectId}@example.com`], subject: "Your trial is unused", text: "…" },
        idempotencyKey: `${WARNING}:${o.subjectId}`,
        at: now,
        pack: ctx.packs.current(),
        subject: { type: SUBJECT, id: o.subjectId },
        actor,
      });
      await effect(trx, WARNING, o);
    },
  };

  const termination: ScheduledRule = {
    id: TERMINATION,
    description: "Terminate a trial (terminate − warning) days after its warning went out.",
    subjectType: SUBJECT,
    findDue(db, ctx, w) {
      const { unusedTerminateDays, unusedWarningDays } = ctx.packs.current().trials;
      const after = unusedTerminateDays - unusedWarningDays;
      return oneShotDue(db, w, TERMINATION, sql`t.warned_at + make_interval(days => ${after})`);
    },
    async fire(trx, ctx, o, actor) {
      await sql`update test_trials set terminated_at = ${ctx.clock.now()} where id = ${o.subjectId}`.execute(trx);
      await timeline(trx, ctx, o, actor, "trial.terminated");
      await effect(trx, TERMINATION, o);
    },
  };

  const weekly: ScheduledRule = {
    id: WEEKLY,
    description: "Every Monday 00:00 UTC after the week of hand-off: a check-in per trial.",
    subjectType: SUBJECT,
    async findDue(db, _ctx, { from, until }) {
      // Week starts as UTC wall times; converted back to instants with `at time zone 'UTC'`,
      // so the session time zone of either engine plays no part.
      const r = await sql<Occurrence>`
        select t.id as "subjectId", to_char(w.start, 'IYYY-"W"IW') as "periodKey",
               w.start at time zone 'UTC' as "dueAt"
        from test_trials t
        cross join lateral generate_series(
          date_trunc('week', t.handed_off_at at time zone 'UTC') + interval '1 week',
          ${until}::timestamptz at time zone 'UTC', interval '1 week') as w(start)
        where (${from ?? null}::timestamptz is null or w.start at time zone 'UTC' > ${from ?? null}::timestamptz)
          and ${notFiredYet(weekly, sql.ref("t.id"), sql`to_char(w.start, 'IYYY-"W"IW')`)}`.execute(db);
      return r.rows;
    },
    async fire(trx, ctx, o, actor) {
      await timeline(trx, ctx, o, actor, "trial.weekly_check_in");
      await effect(trx, WEEKLY, o);
    },
  };
  return [warning, termination, weekly];
}

/** Occurrences of a one-shot rule whose due time is `dueAt` (an SQL expression over test_trials t). */
async function oneShotDue(db: Executor, w: DueWindow, ruleId: string, dueAt: RawBuilder<unknown>): Promise<Occurrence[]> {
  const r = await sql<Occurrence>`
    select t.id as "subjectId", ${ONCE_PERIOD}::text as "periodKey", ${dueAt} as "dueAt"
    from test_trials t
    where ${dueAt} <= ${w.until}
      and (${w.from ?? null}::timestamptz is null or ${dueAt} > ${w.from ?? null}::timestamptz)
      and ${notFiredYet({ id: ruleId, subjectType: SUBJECT }, sql.ref("t.id"), ONCE_PERIOD)}`.execute(db);
  return r.rows;
}

/** What the weekly rule must have fired for one trial by `at`: Mondays after its hand-off week. */
export function expectedWeeks(handedOffAt: Date, at: Date): number {
  const day = floorUtcDay(handedOffAt);
  const mondayOfWeek = day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS;
  const first = mondayOfWeek + 7 * DAY_MS;
  return at.getTime() < first ? 0 : Math.floor((at.getTime() - first) / (7 * DAY_MS)) + 1;
}

/** Firings of the warning and weekly rules (both from stored hand-off dates) due by `at`. */
export function expectedFirings(trials: readonly TestTrial[], at: Date, warningDays: number): number {
  let n = 0;
  for (const t of trials) {
    if (t.handedOffAt.getTime() + warningDays * DAY_MS <= at.getTime()) n++;
    n += expectedWeeks(t.handedOffAt, at);
  }
  return n;
}
