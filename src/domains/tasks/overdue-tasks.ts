import type { AppContext } from "../../platform/app/context.js";
import { businessToday } from "./business-day.js";
import { taskQuery, toTask, type PersonRef, type Task } from "./task-view.js";

/** The list part is cut at this many tasks (oldest due first); the counts cover all. */
export const OVERDUE_LIST_MAX = 500;

export interface OverdueGroup {
  assignee: PersonRef | null;
  team: string | null;
  count: number;
}

/** Leadership's view: every open task past its due day, and how many each person/team holds. */
export async function overdueTasks(ctx: AppContext): Promise<{ items: Task[]; total: number; byAssignee: OverdueGroup[] }> {
  const today = businessToday(ctx);
  const overdue = taskQuery(ctx.db).where("t.archived_at", "is", null).where("t.status", "<>", "completed").where("t.due_on", "<", today);
  const rows = await overdue.orderBy("t.due_on").orderBy("t.id").limit(OVERDUE_LIST_MAX).execute();
  const groups = await overdue
    .clearSelect()
    .select(["t.assignee_user_id", "u.name", "u.email", "t.team", (eb) => eb.fn.countAll<string | number>().as("n")])
    .groupBy(["t.assignee_user_id", "u.name", "u.email", "t.team"])
    .execute();
  const byAssignee = groups
    .map((g) => ({
      assignee: g.assignee_user_id ? { id: g.assignee_user_id, name: g.name ?? "", email: g.email ?? "" } : null,
      team: g.team,
      count: Number(g.n),
    }))
    .sort(byCountThenPeopleFirst);
  return { items: rows.map((r) => toTask(r, today)), total: byAssignee.reduce((n, g) => n + g.count, 0), byAssignee };
}

/** Most overdue first; on a tie people before unassigned team piles, then by name and team. */
function byCountThenPeopleFirst(a: OverdueGroup, b: OverdueGroup): number {
  return (
    b.count - a.count ||
    Number(a.assignee === null) - Number(b.assignee === null) ||
    (a.assignee?.name ?? "").localeCompare(b.assignee?.name ?? "") ||
    (a.team ?? "").localeCompare(b.team ?? "")
  );
}
