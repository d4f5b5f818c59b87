import { escapeLike } from "../../platform/timeline/list-audit.js";
import type { TaskStatus } from "../accounts/schema.js";
import { addDays } from "./business-day.js";
import type { taskQuery } from "./task-view.js";

type TaskSelect = ReturnType<typeof taskQuery>;

/** Filters shared by the list and the board. `assignee` is already resolved ("me" → a user id). */
export interface TaskFilters {
  /** A user id, or "none" for tasks nobody owns. */
  assignee?: string | undefined;
  team?: string | undefined;
  accountId?: string | undefined;
  statuses?: readonly TaskStatus[] | undefined;
  /** Open tasks only: overdue (before today), today, week (today and the next 7 days). */
  due?: "overdue" | "today" | "week" | undefined;
  /** Words in the title. */
  q?: string | undefined;
}

/** Narrows a taskQuery() to live (not archived) tasks matching the filters; `today` is the business day. */
export function applyTaskFilters(query: TaskSelect, f: TaskFilters, today: string): TaskSelect {
  let q = query.where("t.archived_at", "is", null);
  if (f.assignee === "none") q = q.where("t.assignee_user_id", "is", null);
  else if (f.assignee) q = q.where("t.assignee_user_id", "=", f.assignee);
  if (f.team) q = q.where("t.team", "=", f.team);
  if (f.accountId) q = q.where("t.account_id", "=", f.accountId);
  if (f.statuses && f.statuses.length > 0) q = q.where("t.status", "in", f.statuses);
  if (f.due) {
    q = q.where("t.status", "<>", "completed");
    if (f.due === "overdue") q = q.where("t.due_on", "<", today);
    else if (f.due === "today") q = q.where("t.due_on", "=", today);
    else q = q.where("t.due_on", ">=", today).where("t.due_on", "<=", addDays(today, 7));
  }
  const words = f.q?.trim();
  if (words) q = q.where("t.title", "ilike", `%${escapeLike(words)}%`);
  return q;
}
