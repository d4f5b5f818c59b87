import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";
import { timelineKeys } from "@/platform/timeline";

/** The server's Task (docs/tasks-and-docs.md; contract in src/domains/tasks). Dates 'YYYY-MM-DD', times ISO. */
export const TASK_STATUSES = ["todo", "in_progress", "under_review", "completed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface Task {
  id: string;
  title: string;
  description: string;
  status: TaskStatus;
  /** Order within its column, ascending (a float: a move rewrites one task). */
  position: number;
  assignee: PersonRef | null;
  /** A role whose members share the task when nobody in particular owns it. */
  team: string | null;
  dueOn: string | null;
  /** Past its due day and not completed (the server's clock decides). */
  overdue: boolean;
  account: { id: string; name: string } | null;
  subject: { type: string; id: string } | null;
  /** "user", or the rule that made it ("H3.handoff"). */
  source: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface BoardColumn {
  status: TaskStatus;
  /** The pack's name for the column ("To-Do"). */
  label: string;
  items: Task[];
  /** Every task in the column under the filters (Completed shows only the latest 50 of them). */
  total?: number;
}

export interface Board {
  columns: BoardColumn[];
}

export interface MyDay {
  overdue: Task[];
  today: Task[];
  /** Due in the next 7 days. */
  upcoming: Task[];
  /** Unassigned tasks of my role's team. */
  team: Task[];
}

export interface OverdueReport {
  items: Task[];
  byAssignee: { assignee: PersonRef | null; team: string | null; count: number }[];
}

/** Who, which team and which account: the filters the board and the list share. */
export interface TaskFilters {
  /** "me" or a user id. */
  assignee?: string | undefined;
  team?: string | undefined;
  accountId?: string | undefined;
}

export interface TaskListFilters extends TaskFilters {
  status?: TaskStatus | undefined;
  due?: "overdue" | "today" | "week" | undefined;
  q?: string | undefined;
}

export interface TaskInput {
  title: string;
  description?: string;
  assigneeUserId?: string | null;
  team?: string | null;
  dueOn?: string | null;
  accountId?: string | null;
}

export interface TaskPatch {
  title?: string;
  description?: string;
  assigneeUserId?: string | null;
  team?: string | null;
  dueOn?: string | null;
  status?: TaskStatus;
  position?: number;
  archived?: true;
}

const PAGE_SIZE = 50;

const filterKey = (f: TaskFilters) => ({ assignee: f.assignee ?? null, team: f.team ?? null, accountId: f.accountId ?? null });

export const taskKeys = {
  all: ["tasks"] as const,
  boards: () => ["tasks", "board"] as const,
  board: (f: TaskFilters) => ["tasks", "board", filterKey(f)] as const,
  list: (f: TaskListFilters) => ["tasks", "list", { ...filterKey(f), status: f.status ?? null, due: f.due ?? null, q: f.q ?? null }] as const,
  myDay: () => ["tasks", "my-day"] as const,
  overdue: () => ["tasks", "overdue"] as const,
  detail: (id: string) => ["tasks", "detail", id] as const,
};

const path = (id: string): string => `/tasks/${encodeURIComponent(id)}`;

export function taskBoardQuery(filters: TaskFilters) {
  return queryOptions({
    queryKey: taskKeys.board(filters),
    queryFn: ({ signal }) => api<Board>("/tasks/board", { query: { assignee: filters.assignee, team: filters.team, accountId: filters.accountId }, signal }),
  });
}

export function taskListQuery(filters: TaskListFilters) {
  return infiniteQueryOptions({
    queryKey: taskKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api<{ items: Task[]; total: number }>("/tasks", {
        query: {
          assignee: filters.assignee,
          team: filters.team,
          accountId: filters.accountId,
          status: filters.status,
          due: filters.due,
          q: filters.q,
          limit: PAGE_SIZE,
          offset: pageParam,
        },
        signal,
      }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return last.items.length > 0 && loaded < last.total ? loaded : undefined;
    },
  });
}

export const myDayQuery = queryOptions({
  queryKey: taskKeys.myDay(),
  queryFn: ({ signal }) => api<MyDay>("/tasks/my-day", { signal }),
});

export const overdueQuery = queryOptions({
  queryKey: taskKeys.overdue(),
  queryFn: ({ signal }) => api<OverdueReport>("/tasks/overdue", { signal }),
});

export function taskQuery(id: string) {
  return queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => api<Task>(path(id), { signal }),
  });
}

export function createTask(input: TaskInput): Promise<Task> {
  return api<Task>("/tasks", { method: "POST", body: input });
}

export function updateTask(id: string, patch: TaskPatch): Promise<Task> {
  return api<Task>(path(id), { method: "PATCH", body: patch });
}

/** After any task change: every board, list, my day and overdue view refetch, and the account's timeline. */
export async function refreshTasks(queryClient: QueryClient, task?: Pick<Task, "id" | "account">): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: taskKeys.all }),
    // The account list shows open task counts.
    queryClient.invalidateQueries({ queryKey: ["accounts"] }),
    task ? queryClient.invalidateQueries({ queryKey: timelineKeys.subject("task", task.id) }) : null,
    task?.account ? queryClient.invalidateQueries({ queryKey: timelineKeys.subject("account", task.account.id) }) : null,
  ]);
}

/** Roles the server lets create and edit tasks (src/platform/http/authorization.ts: everyone but leadership). */
export const TASK_WRITERS: ReadonlySet<string> = new Set(["admin", "sdr", "ae", "ce", "ta", "growth", "cloud_ops", "support", "sales_ops"]);

/** Same limits as the server (src/domains/tasks/create-task.ts). */
export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 10_000;
