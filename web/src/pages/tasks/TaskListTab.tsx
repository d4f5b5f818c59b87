import { Button, Stack } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useSession } from "@/platform/auth";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { ListPageBody } from "@/platform/ui/ListPageBody";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { TASK_WRITERS, taskListQuery } from "@/pages/tasks/api";
import { listFilters, NO_FILTERS } from "@/pages/tasks/search";
import { TASK_COLUMNS, TaskTable } from "@/pages/tasks/TaskTable";
import { TasksFilterBar } from "@/pages/tasks/TasksFilterBar";
import { useTasksSearch } from "@/pages/tasks/useTasksSearch";

/** Every task as a dense table, with the board's filters plus text, status and due day. */
export function TaskListTab() {
  const [search, setSearch] = useTasksSearch();
  const list = useInfiniteQuery({ ...taskListQuery(listFilters(search)), placeholderData: keepPreviousData });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const canWrite = TASK_WRITERS.has(useSession()?.user.role ?? "");
  const clear = () => setSearch(NO_FILTERS);
  const filtered = Boolean(search.assignee || search.team || search.account || search.status || search.due || search.q);

  return (
    <Stack gap="sm">
      <TasksFilterBar search={search} onChange={setSearch} onClear={clear} withListFilters />
      <ListPageBody
        list={list}
        count={items.length}
        what="the tasks"
        noun={["task", "tasks"]}
        moreNote={total !== undefined ? ` of ${total}` : ""}
        skeleton={<TableSkeleton label="Tasks" columns={TASK_COLUMNS} />}
        keyboardHint="Keyboard: j / k move between tasks, Enter opens the focused one."
        empty={
          filtered ? (
            <NoMatches title="No tasks match these filters" onClear={clear}>
              Search looks at task titles; remove a filter to see more tasks.
            </NoMatches>
          ) : (
            <EmptyState
              title="No tasks yet"
              actions={
                canWrite ? (
                  <Button variant="light" onClick={() => setSearch({ task: "new" })}>
                    New task
                  </Button>
                ) : null
              }
            >
              Tasks made by teammates and by rules (hand-off, kickoff check-ins, trainings) are listed here, open and done.
            </EmptyState>
          )
        }
      >
        <TaskTable label="Tasks" items={items} onOpen={(task) => setSearch({ task: task.id })} dimmed={list.isPlaceholderData} />
      </ListPageBody>
    </Stack>
  );
}
