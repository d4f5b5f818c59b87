import type { Board, Task, TaskStatus } from "@/pages/tasks/api";

/** Where a card goes: a column, and the index it takes among that column's other cards. */
export interface MoveTarget {
  status: TaskStatus;
  index: number;
}

/**
 * The position a card gets at `index` among `others` (its new column without it, in order):
 * halfway between its new neighbours, so a move rewrites only the moved task.
 */
export function positionAt(others: readonly Task[], index: number): number {
  const before = others[index - 1];
  const after = others[index];
  if (before && after) return (before.position + after.position) / 2;
  if (before) return before.position + 1;
  if (after) return after.position - 1;
  return 0;
}

export interface PlannedMove {
  board: Board;
  status: TaskStatus;
  position: number;
}

/** The board after the move (for the optimistic update) and what to send; null when the card stays where it is. */
export function planMove(board: Board, taskId: string, target: MoveTarget): PlannedMove | null {
  const from = board.columns.find((c) => c.items.some((t) => t.id === taskId));
  const task = from?.items.find((t) => t.id === taskId);
  const to = board.columns.find((c) => c.status === target.status);
  if (!from || !task || !to) return null;
  const others = to.items.filter((t) => t.id !== taskId);
  const index = Math.max(0, Math.min(target.index, others.length));
  if (from === to && from.items.indexOf(task) === index) return null;
  const position = positionAt(others, index);
  const moved: Task = { ...task, status: target.status, position, overdue: target.status === "completed" ? false : task.overdue };
  const shift = (total: number | undefined, by: number): number | undefined => (total === undefined || from === to ? total : total + by);
  const columns = board.columns.map((c) => {
    if (c === to) return { ...c, items: [...others.slice(0, index), moved, ...others.slice(index)], total: shift(c.total, 1) };
    if (c === from) return { ...c, items: c.items.filter((t) => t.id !== taskId), total: shift(c.total, -1) };
    return c;
  });
  return { board: { columns }, status: target.status, position };
}
