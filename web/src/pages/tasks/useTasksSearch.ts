import { getRouteApi, useNavigate } from "@tanstack/react-router";
import type { TasksSearch } from "@/pages/tasks/search";

const route = getRouteApi("/app/tasks");

/** The tasks URL state on every tab, and a setter that keeps the current tab. */
export function useTasksSearch(): [TasksSearch, (patch: Partial<TasksSearch>) => void] {
  const search = route.useSearch();
  const navigate = useNavigate();
  const setSearch = (patch: Partial<TasksSearch>) =>
    void navigate({ to: ".", search: (prev) => ({ ...prev, ...patch }), resetScroll: false });
  return [search, setSearch];
}
