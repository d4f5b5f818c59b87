import { sql, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { ACCOUNT_SUBJECT, lockAccount, recordAccountChange } from "../accounts/account-records.js";
import type { EngagementPlan } from "../accounts/schema.js";
import { createTask, TASK_SUBJECT } from "../tasks/create-task.js";
import { activeUser } from "../trials/recipients.js";
import { refuseArchived } from "./account-guards.js";
import { planKickoff, type KickoffInput } from "./kickoff-plan.js";

const SOURCE = "H6.kickoff";
const RECORDED = "account.kickoff_recorded";

export interface RecordKickoffOptions extends KickoffInput {
  accountId: string;
  actor: Actor;
  requestId?: string | undefined;
}

const samePlan = (current: EngagementPlan | null, kickoffOn: string | null, next: Pick<EngagementPlan, "checkInCadence" | "trainings" | "onboardingHelp">, nextOn: string): boolean =>
  current !== null &&
  kickoffOn === nextOn &&
  current.checkInCadence === next.checkInCadence &&
  current.onboardingHelp === next.onboardingHelp &&
  JSON.stringify(current.trainings) === JSON.stringify(next.trainings);

/** The open tasks of the previous plan are archived: the new plan replaces them. */
async function archivePreviousPlanTasks(trx: Transaction<Database>, ctx: AppContext, accountId: string, actor: Actor, requestId: string | undefined): Promise<number> {
  const now = ctx.clock.now();
  const archived = await trx
    .updateTable("tasks")
    .set({ archived_at: now, updated_at: now })
    .where("account_id", "=", accountId)
    .where("source", "=", SOURCE)
    .where("archived_at", "is", null)
    .where("status", "<>", "completed")
    .returning(["id", "title"])
    .execute();
  for (const task of archived) {
    await recordChange(trx, { actor, action: "task.archived", summary: `Task archived (replaced by a new engagement plan): ${task.title}`, subject: { type: TASK_SUBJECT, id: task.id }, at: now, requestId });
  }
  return archived.length;
}

/**
 * H6: records the engagement plan agreed at the kickoff (check-in cadence, trainings,
 * onboarding help) and gives the TA (else the TA team) its tasks. Recording a new plan
 * archives the previous plan's open tasks; recording the same plan again changes nothing.
 * Task sourceKeys carry the plan's sequence number, so each plan's tasks are made once.
 */
export async function recordKickoff(ctx: AppContext, o: RecordKickoffOptions): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    refuseArchived(account);
    const plan = planKickoff(ctx.packs.current(), o, { name: account.name, contractEnd: account.contract_end });
    if (samePlan(account.engagement_plan, account.kickoff_on, plan, o.kickoffOn)) return;

    const now = ctx.clock.now();
    const previous = await trx
      .selectFrom("timeline_events")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("subject_type", "=", ACCOUNT_SUBJECT)
      .where("subject_id", "=", account.id)
      .where("kind", "=", RECORDED)
      .executeTakeFirst();
    const planNumber = Number(previous?.n ?? 0) + 1;
    const archived = await archivePreviousPlanTasks(trx, ctx, account.id, o.actor, o.requestId);
    const engagementPlan: EngagementPlan = {
      checkInCadence: plan.checkInCadence,
      trainings: plan.trainings,
      onboardingHelp: plan.onboardingHelp,
      recordedAt: now.toISOString(),
      recordedBy: actorColumns(o.actor).actor_label,
    };
    await trx
      .updateTable("accounts")
      .set({ engagement_plan: JSON.stringify(engagementPlan), kickoff_on: o.kickoffOn, updated_at: now })
      .where("id", "=", account.id)
      .execute();
    const ta = await activeUser(trx, account.ta_user_id);
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: RECORDED,
      summary: `Kickoff on ${o.kickoffOn}: ${plan.checkInCadence} check-ins, ${plan.trainings.length} trainings${plan.onboardingHelp ? ", onboarding help" : ""}; ${plan.tasks.length} tasks for ${ta?.name ?? "the TA team"}${archived > 0 ? `; ${archived} open tasks of the previous plan archived` : ""}`,
      data: { plan: planNumber, kickoffOn: o.kickoffOn, engagementPlan, tasks: plan.tasks.length, archivedTasks: archived },
      requestId: o.requestId,
    });
    for (const task of plan.tasks) {
      await createTask(trx, ctx, {
        title: task.title,
        description: task.description,
        assigneeUserId: ta?.id ?? null,
        team: ta ? null : "ta",
        dueOn: task.dueOn,
        accountId: account.id,
        source: SOURCE,
        sourceKey: `${SOURCE}:${account.id}:plan-${planNumber}:${task.key}`,
        // One email per check-in would bury the TA; the plan is on the account and the board.
        notifyAssignee: false,
        actor: o.actor,
        requestId: o.requestId,
      });
    }
  });
}
