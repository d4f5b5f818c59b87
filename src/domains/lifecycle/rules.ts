import { sql } from "kysely";
import { ONCE_PERIOD, type Executor, type ScheduledRule } from "../../platform/scheduler/scheduled-rule.js";
import { dailySweepRule } from "../../platform/scheduler/daily-sweep-rule.js";
import { utcDateKey } from "../../platform/scheduler/periods.js";
import { lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { accountVars, postAccountAlert } from "../handoff/account-notices.js";
import { formatRatio } from "../handoff/formats.js";
import { ACCOUNT_SUBJECT, dayPlus, dueAccounts } from "../handoff/rules/due.js";
import { activeUser, activeUsersWithRole, emailsOf } from "../trials/recipients.js";
import { queueEmail } from "../trials/queue-email.js";
import { accountUsage, usageSnapshot } from "./account-usage.js";
import { evaluateAllStages } from "./evaluate-all-stages.js";


/** The first instant the book had an account in it (nothing to evaluate before). */
async function bookStartedAt(db: Executor): Promise<Date | undefined> {
  const r = await sql<{ at: Date | null }>`select min(in_book_at) as at from accounts where in_book_at is not null and archived_at is null`.execute(db);
  return r.rows[0]?.at ?? undefined;
}

/**
 * L.evaluate: once per UTC day, at 00:00, every account in the book gets its usage snapshot and
 * its stage (L1–L5) recomputed, set-based (evaluate-all-stages.ts). The evaluation reads the
 * current state, so after downtime one firing (the latest day) catches up on all missed days.
 */
export const evaluateStagesRule: ScheduledRule = dailySweepRule({
  id: "L.evaluate",
  description: "L: daily, recompute usage and lifecycle stage (L1–L5) of every account in the book.",
  subjectId: "lifecycle",
  startedAt: bookStartedAt,
  run: async (trx, ctx, actor) => ({ ...(await evaluateAllStages(trx, ctx, actor)) }),
  auditAction: "lifecycle.evaluated",
});

const ONBOARDING_ID = "L2.onboarding-target";

/**
 * L2: at the end of onboarding (closed_on + pack lifecycle.onboardingDays), an account whose
 * MAU/seats is under lifecycle.onboardingMauPerSeatTarget is flagged
 * (onboarding_target_missed_at), its TA emailed (onboardingTargetMissed; TA leadership when it
 * has no TA) and the account-alerts feed told. Usage is measured afresh, not read from the
 * daily snapshot. A close recorded after its onboarding would have ended is not judged.
 */
export const onboardingTargetRule: ScheduledRule = {
  id: ONBOARDING_ID,
  description: "L2: flag and alert when MAU/seats is under the onboarding target at the end of onboarding (pack lifecycle).",
  subjectType: ACCOUNT_SUBJECT,
  findDue(db, ctx, window) {
    const days = ctx.packs.current().lifecycle.onboardingDays;
    return dueAccounts(db, window, {
      rule: onboardingTargetRule,
      dueAt: dayPlus(sql<string>`a.closed_on`, days),
      periodKey: sql<string>`${ONCE_PERIOD}::text`,
      // Only an onboarding that ends while the account is in the book: a close recorded long
      // after the fact (an imported customer) has no end of onboarding to judge.
      where: sql<boolean>`a.in_book_at is not null and a.closed_on is not null and a.onboarding_target_missed_at is null
        and a.closed_on + ${days}::int >= (a.in_book_at at time zone 'UTC')::date`,
    });
  },
  async fire(trx, ctx, occurrence, actor) {
    const account = await lockAccount(trx, occurrence.subjectId);
    if (!account || account.archived_at || !account.in_book_at || !account.closed_on || account.onboarding_target_missed_at) return;
    const l = ctx.packs.current().lifecycle;
    const usage = usageSnapshot((await accountUsage(trx, ctx, { accountId: account.id })).get(account.id), account.seats);
    const ratio = usage?.mauPerSeat ?? null;
    if (ratio !== null && ratio >= l.onboardingMauPerSeatTarget) return;
    const now = ctx.clock.now();
    const measured = ratio === null ? "unknown (no seats or no active instance)" : formatRatio(ratio);
    await trx.updateTable("accounts").set({ onboarding_target_missed_at: now, updated_at: now }).where("id", "=", account.id).execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor,
      action: "account.onboarding_target_missed",
      summary: `Onboarding target missed: MAU/seats ${measured} < ${l.onboardingMauPerSeatTarget} after ${l.onboardingDays} days`,
      data: { mauPerSeat: ratio, target: l.onboardingMauPerSeatTarget, day: utcDateKey(now) },
    });
    const ta = await activeUser(trx, account.ta_user_id);
    const to = ta ? [ta] : await activeUsersWithRole(trx, ["leadership"]);
    const vars = { ...accountVars(ctx, account), mauPerSeat: measured, target: String(l.onboardingMauPerSeatTarget) };
    const key = `${ONBOARDING_ID}:account:${account.id}`;
    await queueEmail(trx, ctx, { template: "onboardingTargetMissed", to: emailsOf(to), vars, idempotencyKey: key, subject: { type: ACCOUNT_SUBJECT, id: account.id }, actor });
    await postAccountAlert(trx, ctx, {
      feed: "accountAlerts",
      accountId: account.id,
      text: `Onboarding target missed: ${account.name} ends onboarding with MAU/seats ${measured}, under the ${l.onboardingMauPerSeatTarget} target. ${vars.accountUrl}`,
      actor,
      idempotencyKey: `${key}:alert`,
    });
  },
};

export const lifecycleRules: readonly ScheduledRule[] = [evaluateStagesRule, onboardingTargetRule];
