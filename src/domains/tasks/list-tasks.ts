import type { AppContext } from "../../platform/app/context.js";
import { businessToday } from "./business-day.js";
import { applyTaskFilters, type TaskFilters } from "./task-filters.js";
import { taskQuery, toTask, type Task } from "./task-view.js";

export interface ListTasksOptions extends TaskFilters {
  limit: number;
  offset: number;
}

/** Live tasks matching the filters, soonest due first (no due date last), with the total. */
export async function listTasks(ctx: AppContext, o: ListTasksOptions): Promise<{ items: Task[]; total: number }> {
  const today = businessToday(ctx);
  const filtered = applyTaskFilters(taskQuery(ctx.db), o, today);
  const rows = await filtered
    .orderBy("t.due_on", (ob) => ob.asc().nullsLast())
    .orderBy("t.position")
    .orderBy("t.id")
    .limit(o.limit)
    .offset(o.offset)
    .execute();
  const count = await filtered.clearSelect().select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirst();
  return { items: rows.map((r) => toTask(r, today)), total: Number(count?.n ?? 0) };
}
