import { Button } from "@mantine/core";
import { useSession } from "@/platform/auth";
import { PageHeader } from "@/platform/ui/PageHeader";
import { RouteTabs, useCurrentTab } from "@/platform/ui/RouteTabs";
import { TASK_WRITERS } from "@/pages/tasks/api";
import { TaskDrawer } from "@/pages/tasks/TaskDrawer";
import { useTasksSearch } from "@/pages/tasks/useTasksSearch";

const TABS = [
  { value: "board", label: "Board", to: "/tasks" },
  { value: "my-day", label: "My day", to: "/tasks/my-day" },
  { value: "overdue", label: "Overdue", to: "/tasks/overdue" },
  { value: "list", label: "List", to: "/tasks/list" },
] as const;

/** E7: the task board and its views, one URL per tab; the task drawer opens over any of them (?task=). */
export function TasksPage() {
  const current = useCurrentTab(TABS, "board");
  const role = useSession()?.user.role ?? "";
  const [search, setSearch] = useTasksSearch();
  const canWrite = TASK_WRITERS.has(role);
  return (
    <>
      <PageHeader
        title="Tasks"
        description="Work for you and your team, made by people and by rules: move cards across the board as work progresses."
        actions={
          canWrite ? (
            <Button onClick={() => setSearch({ task: "new" })} aria-haspopup="dialog">
              New task
            </Button>
          ) : null
        }
      />
      <RouteTabs label="Tasks sections" tabs={TABS} current={current} />
      <TaskDrawer
        open={search.task === "new" ? { kind: "new", defaults: { accountId: search.account } } : search.task ? { kind: "edit", id: search.task } : null}
        onClose={() => setSearch({ task: undefined })}
      />
    </>
  );
}
