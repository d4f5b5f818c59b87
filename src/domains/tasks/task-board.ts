import type { AppContext } from "../../platform/app/context.js";
import { TASK_STATUSES, type TaskStatus } from "../accounts/schema.js";
import { businessToday } from "./business-day.js";
import { applyTaskFilters, type TaskFilters } from "./task-filters.js";
import { taskQuery, toTask, type Task, type TaskViewRow } from "./task-view.js";

/** The Completed column shows only the most recently completed tasks. */
export const COMPLETED_SHOWN = 50;
/** An open column beyond this many cards is cut (the column's total says how many there are). */
export const OPEN_COLUMN_MAX = 500;

export interface BoardColumn {
  status: TaskStatus;
  label: string;
  items: Task[];
  /** All tasks in the column under the filters (items may be fewer). */
  total: number;
}

type BoardFilters = Pick<TaskFilters, "assignee" | "team" | "accountId">;

/**
 * E7 board: one column per status in board order, labelled from pack tasks.columns. Cards are
 * ordered by position (the client's drag order), then due date.
 */
export async function taskBoard(ctx: AppContext, f: BoardFilters): Promise<{ columns: BoardColumn[] }> {
  const today = businessToday(ctx);
  const labels = ctx.packs.current().tasks.columns;
  const base = applyTaskFilters(taskQuery(ctx.db), f, today);
  const counts = await base
    .clearSelect()
    .select(["t.status", (eb) => eb.fn.countAll<string | number>().as("n")])
    .groupBy("t.status")
    .execute();
  const columns: BoardColumn[] = [];
  for (const status of TASK_STATUSES) {
    const inColumn = base.where("t.status", "=", status);
    const rows =
      status === "completed"
        ? byBoardOrder(await inColumn.orderBy("t.completed_at", "desc").orderBy("t.id").limit(COMPLETED_SHOWN).execute())
        : await inColumn
            .orderBy("t.position")
            .orderBy("t.due_on", (ob) => ob.asc().nullsLast())
            .orderBy("t.id")
            .limit(OPEN_COLUMN_MAX)
            .execute();
    const total = Number(counts.find((c) => c.status === status)?.n ?? 0);
    columns.push({ status, label: labels[status], items: rows.map((r) => toTask(r, today)), total });
  }
  return { columns };
}

function byBoardOrder(rows: TaskViewRow[]): TaskViewRow[] {
  return [...rows].sort(
    (a, b) => a.position - b.position || (a.due_on ?? "9999-99-99").localeCompare(b.due_on ?? "9999-99-99") || a.id.localeCompare(b.id),
  );
}
