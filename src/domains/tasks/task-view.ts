import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { TaskRow, TaskStatus } from "../accounts/schema.js";
import { businessToday } from "./business-day.js";

type Executor = Kysely<Database> | Transaction<Database>;

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

/** The API's Task (contract: issue 5, tasks and docs). */
export interface Task {
  id: string;
  title: string;
  description: string;
  status: TaskStatus;
  position: number;
  assignee: PersonRef | null;
  team: string | null;
  dueOn: string | null;
  /** Open and due before today (business time zone). */
  overdue: boolean;
  account: { id: string; name: string } | null;
  subject: { type: string; id: string } | null;
  source: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export type TaskViewRow = TaskRow & { assignee_name: string | null; assignee_email: string | null; account_name: string | null };

/** Tasks with their assignee and account names: every task read starts here (alias `t`). */
export function taskQuery(db: Executor) {
  return db
    .selectFrom("tasks as t")
    .leftJoin("users as u", "u.id", "t.assignee_user_id")
    .leftJoin("accounts as a", "a.id", "t.account_id")
    .selectAll("t")
    .select(["u.name as assignee_name", "u.email as assignee_email", "a.name as account_name"]);
}

/** `today` is the business day ('YYYY-MM-DD') overdue is measured against. */
export function toTask(r: TaskViewRow, today: string): Task {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    status: r.status,
    position: r.position,
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: r.assignee_name ?? "", email: r.assignee_email ?? "" } : null,
    team: r.team,
    dueOn: r.due_on,
    overdue: r.status !== "completed" && r.due_on !== null && r.due_on < today,
    account: r.account_id ? { id: r.account_id, name: r.account_name ?? "" } : null,
    subject: r.subject_type && r.subject_id ? { type: r.subject_type, id: r.subject_id } : null,
    source: r.source,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    completedAt: r.completed_at ? r.completed_at.toISOString() : null,
  };
}

/** One task that is not archived, or 404. */
export async function getTask(db: Executor, ctx: Pick<AppContext, "clock" | "packs">, id: string): Promise<Task> {
  const row = await taskQuery(db).where("t.id", "=", id).where("t.archived_at", "is", null).executeTakeFirst();
  if (!row) throw notFound("Task", id);
  return toTask(row, businessToday(ctx));
}
