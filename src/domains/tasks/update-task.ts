import type { Transaction } from "kysely";
import { afterKnowledgeTransfer } from "../handoff/after-knowledge-transfer.js";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import type { Database } from "../../platform/db/database.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import { ROLES, type Role } from "../../platform/pack/pack-schema.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { recordAccountChange } from "../accounts/account-records.js";
import type { TaskRow, TaskStatus, TasksTable } from "../accounts/schema.js";
import { queueEmail } from "../trials/queue-email.js";
import { businessToday } from "./business-day.js";
import { TASK_DESCRIPTION_MAX, TASK_SUBJECT, TASK_TITLE_MAX } from "./create-task.js";
import { taskQuery, toTask, type Task } from "./task-view.js";

export interface TaskChanges {
  title?: string | undefined;
  description?: string | undefined;
  /** null unassigns. */
  assigneeUserId?: string | null | undefined;
  team?: Role | null | undefined;
  /** 'YYYY-MM-DD'; null clears. */
  dueOn?: string | null | undefined;
  status?: TaskStatus | undefined;
  /** The card's new place in its column: the client sends a number between its new neighbours'. */
  position?: number | undefined;
  /** Hides the task everywhere (GET answers 404 afterwards). */
  archived?: true | undefined;
}

export interface UpdateTaskOptions {
  taskId: string;
  changes: TaskChanges;
  actor: Actor;
  requestId?: string | undefined;
}

/** One timeline entry: what kind of change and its sentence. */
interface Change {
  action: "task.moved" | "task.reassigned" | "task.updated" | "task.archived" | "task.reordered";
  summary: string;
  data: Record<string, unknown>;
}

type TaskUpdate = Partial<{ [K in keyof TasksTable]: TaskRow[K] }>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Edits, moves (status + position), reassigns or archives a task in one transaction. Each kind
 * of change is one entry on the task's timeline and, for linked tasks, the account's (a plain
 * reorder within a column stays on the task: it is board housekeeping, not account news). A new
 * assignee other than the actor gets the taskAssigned email. Unknown or archived task → 404.
 */
export async function updateTask(ctx: AppContext, o: UpdateTaskOptions): Promise<{ task: Task; emailed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("tasks").selectAll().where("id", "=", o.taskId).where("archived_at", "is", null).forUpdate().executeTakeFirst();
    if (!row) throw notFound("Task", o.taskId);
    const at = ctx.clock.now();
    const c = o.changes;
    const set: TaskUpdate = {};
    const changes: Change[] = [];

    const edits: string[] = [];
    if (c.title !== undefined) {
      const title = c.title.trim();
      if (title.length === 0 || title.length > TASK_TITLE_MAX) throw invalidField("title", `must be 1 to ${TASK_TITLE_MAX} characters`);
      if (title !== row.title) {
        set.title = title;
        edits.push(`renamed to “${title}”`);
      }
    }
    if (c.description !== undefined) {
      const description = c.description.trim();
      if (description.length > TASK_DESCRIPTION_MAX) throw invalidField("description", `must be at most ${TASK_DESCRIPTION_MAX} characters`);
      if (description !== row.description) {
        set.description = description;
        edits.push("description edited");
      }
    }
    if (c.dueOn !== undefined && c.dueOn !== row.due_on) {
      if (c.dueOn !== null && !DAY.test(c.dueOn)) throw invalidField("dueOn", "must be a day like 2026-12-31");
      set.due_on = c.dueOn;
      edits.push(c.dueOn ? `due date set to ${c.dueOn}` : "due date cleared");
    }
    if (edits.length > 0) changes.push({ action: "task.updated", summary: capitalise(edits.join("; ")), data: { from: { title: row.title, dueOn: row.due_on }, to: { title: set.title ?? row.title, dueOn: set.due_on ?? row.due_on } } });

    const assignee = await newAssignee(trx, row, c.assigneeUserId);
    const who: string[] = [];
    if (assignee !== undefined) {
      set.assignee_user_id = assignee?.id ?? null;
      who.push(assignee ? `reassigned to ${assignee.name}` : "unassigned");
    }
    if (c.team !== undefined && c.team !== row.team) {
      if (c.team !== null && !(ROLES as readonly string[]).includes(c.team)) throw invalidField("team", `must be one of ${ROLES.join(", ")}`);
      set.team = c.team;
      who.push(c.team ? `team set to ${c.team}` : "team cleared");
    }
    if (who.length > 0) {
      changes.push({
        action: "task.reassigned",
        summary: capitalise(who.join("; ")),
        data: { from: { assigneeUserId: row.assignee_user_id, team: row.team }, to: { assigneeUserId: set.assignee_user_id ?? row.assignee_user_id, team: set.team === undefined ? row.team : set.team } },
      });
    }

    const labels = ctx.packs.current().tasks.columns;
    const status = c.status ?? row.status;
    if (status !== row.status) {
      set.status = status;
      set.completed_at = status === "completed" ? at : null;
      // Without a place from the client, a moved card goes to the top of its new column.
      set.position = c.position ?? (await topOf(trx, status));
      changes.push({ action: "task.moved", summary: `Moved to ${labels[status]}`, data: { from: row.status, to: status } });
    } else if (c.position !== undefined && c.position !== row.position) {
      set.position = c.position;
      changes.push({ action: "task.reordered", summary: `Reordered in ${labels[status]}`, data: { from: row.position, to: c.position } });
    }
    if (c.archived) {
      set.archived_at = at;
      changes.push({ action: "task.archived", summary: "Archived", data: {} });
    }

    if (changes.length > 0) {
      await trx.updateTable("tasks").set({ ...set, updated_at: at }).where("id", "=", row.id).execute();
      await recordChanges(trx, ctx, row, changes, o, at);
    }
    // H4: the CE's hand-off task done means the knowledge transfer happened: the TA's next step.
    if (set.status === "completed") await afterKnowledgeTransfer(trx, ctx, row, o.actor);
    const emailed = assignee ? await emailAssignee(trx, ctx, row, { ...set }, assignee, o.actor, at) : false;
    const view = await taskQuery(trx).where("t.id", "=", row.id).executeTakeFirstOrThrow();
    return { task: toTask(view, businessToday(ctx)), emailed };
  });
}

/** The new assignee when it changes (null = unassigned), undefined when it stays. */
async function newAssignee(trx: Transaction<Database>, row: TaskRow, userId: string | null | undefined) {
  if (userId === undefined || userId === row.assignee_user_id) return undefined;
  if (userId === null) return null;
  const user = await trx.selectFrom("users").select(["id", "name", "email", "active"]).where("id", "=", userId).executeTakeFirst();
  if (!user || !user.active) throw invalidField("assigneeUserId", `no active user ${userId}`);
  return user;
}

async function topOf(trx: Transaction<Database>, status: TaskStatus): Promise<number> {
  const top = await trx.selectFrom("tasks").select((eb) => eb.fn.min("position").as("p")).where("status", "=", status).where("archived_at", "is", null).executeTakeFirst();
  return (top?.p ?? 1) - 1;
}

async function recordChanges(trx: Transaction<Database>, ctx: AppContext, row: TaskRow, changes: Change[], o: UpdateTaskOptions, at: Date): Promise<void> {
  const title = `Task “${row.title}”`;
  for (const change of changes) {
    const data = { taskId: row.id, ...change.data };
    await recordChange(trx, { actor: o.actor, action: change.action, summary: change.summary, subject: { type: TASK_SUBJECT, id: row.id }, at, data, requestId: o.requestId });
    if (row.account_id && change.action !== "task.reordered") {
      await recordAccountChange(trx, ctx, { accountId: row.account_id, actor: o.actor, action: change.action, summary: `${title}: ${lowerFirst(change.summary)}`, data, requestId: o.requestId });
    }
  }
}

/** taskAssigned to the new assignee, unless they made the change themselves. */
async function emailAssignee(
  trx: Transaction<Database>,
  ctx: AppContext,
  row: TaskRow,
  set: TaskUpdate,
  assignee: { id: string; name: string; email: string },
  actor: Actor,
  at: Date,
): Promise<boolean> {
  if (actor.type === "user" && actor.id === assignee.id) return false;
  const account = row.account_id ? await trx.selectFrom("accounts").select("name").where("id", "=", row.account_id).executeTakeFirst() : undefined;
  const dueOn = set.due_on === undefined ? row.due_on : set.due_on;
  return queueEmail(trx, ctx, {
    template: "taskAssigned",
    to: [assignee.email],
    vars: {
      name: assignee.name,
      actor: actorColumns(actor).actor_label,
      title: set.title ?? row.title,
      dueOn: dueOn ?? "no due date",
      accountPart: account ? ` on ${account.name}` : "",
      taskUrl: appUrl(ctx.config, `/tasks/${row.id}`),
    },
    // Per assignment, so a task handed back to an earlier assignee emails them again.
    idempotencyKey: `task.assigned:${row.id}:${assignee.id}:${at.toISOString()}`,
    subject: { type: TASK_SUBJECT, id: row.id },
    actor,
  });
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
