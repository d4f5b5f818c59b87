import type { AppContext } from "../../platform/app/context.js";
import { addDays, businessToday } from "./business-day.js";
import { taskQuery, toTask, type Task } from "./task-view.js";

/** Each bucket is cut at this many tasks (soonest due first). */
export const MY_DAY_BUCKET_MAX = 200;

export interface MyDay {
  overdue: Task[];
  today: Task[];
  /** Due in the next 7 days (tomorrow to today + 7). */
  upcoming: Task[];
  /** Open tasks of my role's team that nobody has taken. */
  team: Task[];
}

/** A person's open work by due day, plus their team's unassigned tasks. "Today" is the business day. */
export async function myDay(ctx: AppContext, me: { userId: string; role: string }): Promise<MyDay> {
  const today = businessToday(ctx);
  const open = taskQuery(ctx.db).where("t.archived_at", "is", null).where("t.status", "<>", "completed");
  const mine = open.where("t.assignee_user_id", "=", me.userId);
  const soonestFirst = <Q extends typeof open>(q: Q) =>
    q.orderBy("t.due_on", (ob) => ob.asc().nullsLast()).orderBy("t.position").orderBy("t.id").limit(MY_DAY_BUCKET_MAX).execute();
  // Sequential on purpose: one connection on PGlite, and each query is an index range.
  const overdue = await soonestFirst(mine.where("t.due_on", "<", today));
  const dueToday = await soonestFirst(mine.where("t.due_on", "=", today));
  const upcoming = await soonestFirst(mine.where("t.due_on", ">", today).where("t.due_on", "<=", addDays(today, 7)));
  const team = await soonestFirst(open.where("t.assignee_user_id", "is", null).where("t.team", "=", me.role));
  const view = (rows: typeof overdue) => rows.map((r) => toTask(r, today));
  return { overdue: view(overdue), today: view(dueToday), upcoming: view(upcoming), team: view(team) };
}
