import { oneOf, optionalString } from "@/platform/url-search";
import { TASK_STATUSES, type TaskFilters, type TaskListFilters, type TaskStatus } from "@/pages/tasks/api";

export const DUE_FILTERS = [
  { value: "overdue", label: "Overdue" },
  { value: "today", label: "Due today" },
  { value: "week", label: "Due this week" },
] as const;
export type DueFilter = (typeof DUE_FILTERS)[number]["value"];

/**
 * The tasks views in the URL, shareable by link: `/tasks?assignee=me&team=ce&account=<id>`
 * filters the board and the list; `task=<id>` (or `task=new`) opens the task drawer on any tab.
 */
export interface TasksSearch {
  /** "me" or a user id. */
  assignee?: string;
  /** A role key ("ce"). */
  team?: string;
  account?: string;
  task?: string;
  /** List tab only. */
  status?: TaskStatus;
  due?: DueFilter;
  q?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function validateTasksSearch(raw: Record<string, unknown>): TasksSearch {
  const out: TasksSearch = {};
  const assignee = optionalString(raw.assignee);
  if (assignee && ID.test(assignee)) out.assignee = assignee;
  const team = optionalString(raw.team);
  if (team && ID.test(team)) out.team = team;
  const account = optionalString(raw.account);
  if (account && ID.test(account)) out.account = account;
  const task = optionalString(raw.task);
  if (task && ID.test(task)) out.task = task;
  const status = oneOf(raw.status, TASK_STATUSES);
  if (status) out.status = status;
  const due = oneOf(raw.due, DUE_FILTERS.map((d) => d.value));
  if (due) out.due = due;
  const q = optionalString(raw.q);
  if (q) out.q = q.slice(0, 200);
  return out;
}

export function boardFilters(search: TasksSearch): TaskFilters {
  return { assignee: search.assignee, team: search.team, accountId: search.account };
}

export function listFilters(search: TasksSearch): TaskListFilters {
  return { ...boardFilters(search), status: search.status, due: search.due, q: search.q };
}

/** The search without its filters (the drawer stays open). */
export const NO_FILTERS: Partial<TasksSearch> = {
  assignee: undefined,
  team: undefined,
  account: undefined,
  status: undefined,
  due: undefined,
  q: undefined,
};
