import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { invalidField, type AppError } from "../../platform/errors/app-error.js";
import { ROLES, type Role } from "../../platform/pack/pack-schema.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordChange, type Subject } from "../../platform/timeline/record.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { queueEmail } from "../trials/queue-email.js";

export const TASK_SUBJECT = "task";
export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 10_000;

export interface NewTask {
  title: string;
  description?: string | undefined;
  assigneeUserId?: string | null | undefined;
  /** A role whose members share the task when nobody in particular owns it. */
  team?: Role | null | undefined;
  /** 'YYYY-MM-DD'. */
  dueOn?: string | null | undefined;
  accountId?: string | null | undefined;
  /** The record the task is about (defaults to the account). */
  subject?: Subject | null | undefined;
  /** "user" or the rule id that made it ("H3.handoff"). */
  source?: string | undefined;
  /** Idempotency for rule-created tasks: a second call with the key returns the first task. */
  sourceKey?: string | undefined;
  /** Email the assignee (taskAssigned) when it is someone other than the actor. Rules that send their own email pass false. */
  notifyAssignee?: boolean | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Creates a task in the caller's transaction: the row, the change on the task's timeline (and
 * the account's when linked), and the assignee's email. Unknown assignee or account → 400
 * naming the field. Uses only `trx` (rules call it inside their firing transaction).
 */
export async function createTask(trx: Transaction<Database>, ctx: AppContext, t: NewTask): Promise<{ id: string; created: boolean }> {
  if (t.sourceKey) {
    const existing = await trx.selectFrom("tasks").select("id").where("source_key", "=", t.sourceKey).executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
  }
  const title = t.title.trim();
  if (title.length === 0 || title.length > TASK_TITLE_MAX) throw invalid("title", `must be 1 to ${TASK_TITLE_MAX} characters`);
  const description = (t.description ?? "").trim();
  if (description.length > TASK_DESCRIPTION_MAX) throw invalid("description", `must be at most ${TASK_DESCRIPTION_MAX} characters`);
  if (t.dueOn && !DAY.test(t.dueOn)) throw invalid("dueOn", "must be a day like 2026-12-31");
  if (t.team && !(ROLES as readonly string[]).includes(t.team)) throw invalid("team", `must be one of ${ROLES.join(", ")}`);
  const assignee = t.assigneeUserId
    ? await trx.selectFrom("users").select(["id", "email", "name", "active"]).where("id", "=", t.assigneeUserId).executeTakeFirst()
    : undefined;
  if (t.assigneeUserId && (!assignee || !assignee.active)) throw invalid("assigneeUserId", `no active user ${t.assigneeUserId}`);
  const account = t.accountId ? await trx.selectFrom("accounts").select(["id", "name"]).where("id", "=", t.accountId).executeTakeFirst() : undefined;
  if (t.accountId && !account) throw invalid("accountId", `no account ${t.accountId}`);

  const id = randomUUID();
  const at = ctx.clock.now();
  const subject = t.subject ?? (account ? { type: "account", id: account.id } : null);
  // New tasks go to the top of To-Do: a position below every other in the column.
  const top = await trx.selectFrom("tasks").select((eb) => eb.fn.min("position").as("p")).where("status", "=", "todo").executeTakeFirst();
  const position = (top?.p ?? 1) - 1;
  await trx
    .insertInto("tasks")
    .values({
      id,
      title,
      description,
      status: "todo",
      position,
      assignee_user_id: assignee?.id ?? null,
      team: t.team ?? null,
      due_on: t.dueOn ?? null,
      account_id: account?.id ?? null,
      subject_type: subject?.type ?? null,
      subject_id: subject?.id ?? null,
      source: t.source ?? "user",
      source_key: t.sourceKey ?? null,
      created_by: actorColumns(t.actor).actor_label,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const who = assignee ? ` for ${assignee.name}` : t.team ? ` for the ${t.team} team` : "";
  const summary = `Task created${who}: ${title}${t.dueOn ? ` (due ${t.dueOn})` : ""}`;
  const data = { taskId: id, assigneeUserId: assignee?.id ?? null, team: t.team ?? null, dueOn: t.dueOn ?? null };
  await recordChange(trx, { actor: t.actor, action: "task.created", summary, subject: { type: TASK_SUBJECT, id }, at, data, requestId: t.requestId });
  if (account) await recordAccountChange(trx, ctx, { accountId: account.id, actor: t.actor, action: "task.created", summary, data, requestId: t.requestId });

  const actorId = t.actor.type === "user" ? t.actor.id : null;
  if (assignee && t.notifyAssignee !== false && assignee.id !== actorId) {
    await queueEmail(trx, ctx, {
      template: "taskAssigned",
      to: [assignee.email],
      vars: {
        name: assignee.name,
        actor: actorColumns(t.actor).actor_label,
        title,
        dueOn: t.dueOn ?? "no due date",
        accountPart: account ? ` on ${account.name}` : "",
        taskUrl: appUrl(ctx.config, `/tasks/${id}`),
      },
      idempotencyKey: `task.assigned:${id}:${assignee.id}`,
      subject: { type: TASK_SUBJECT, id },
      actor: t.actor,
    });
  }
  return { id, created: true };
}

const invalid = (field: string, problem: string): AppError => invalidField(field, problem);
