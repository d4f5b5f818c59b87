import { Button, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { QueryError } from "@/platform/ui/QueryStates";
import { Section } from "@/platform/ui/Section";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { TASK_WRITERS, taskBoardQuery } from "@/pages/tasks/api";
import { TaskDrawer, type TaskDrawerOpen } from "@/pages/tasks/TaskDrawer";
import { TASK_COLUMNS, TaskTable } from "@/pages/tasks/TaskTable";

/** The account page's tasks: its open tasks with status, assignee and due day, "Add task", and the board filtered to it. */
export function AccountTasksPanel({ accountId }: { accountId: string }) {
  const filters = { accountId };
  const query = useQuery(taskBoardQuery(filters));
  const canWrite = TASK_WRITERS.has(useSession()?.user.role ?? "");
  const [drawer, setDrawer] = useState<TaskDrawerOpen>(null);

  const columns = query.data?.columns ?? [];
  const open = columns.filter((c) => c.status !== "completed").flatMap((c) => c.items);
  const completed = columns.find((c) => c.status === "completed")?.items.length ?? 0;

  let body;
  if (query.isPending) body = <TableSkeleton label="Open tasks" columns={TASK_COLUMNS.filter((c) => c !== "Account")} rows={3} />;
  else if (query.isError && !query.data) body = <QueryError query={query} what="load the account's tasks" />;
  else if (open.length === 0) {
    body = (
      <Text size="sm" c="dimmed" role="status">
        No open tasks on this account. {canWrite ? "Add one for a follow-up; " : ""}rules add them too (the Handoff Doc before close,
        kickoff check-ins, trainings).
      </Text>
    );
  } else {
    body = (
      <TaskTable label="Open tasks of this account" items={open} withoutAccount keyboard={false} onOpen={(task) => setDrawer({ kind: "edit", id: task.id })} />
    );
  }

  return (
    <Section
      title="Tasks"
      actions={
        <Group gap="sm">
          <AnchorLink to="/tasks" search={{ account: accountId }} size="sm">
            Open on the board
          </AnchorLink>
          {canWrite ? (
            <Button size="xs" variant="light" onClick={() => setDrawer({ kind: "new", defaults: { accountId } })}>
              Add task
            </Button>
          ) : null}
        </Group>
      }
    >
      <Stack gap="xs">
        {body}
        {completed > 0 ? (
          <Text size="xs" c="dimmed">
            {completed} completed {completed === 1 ? "task" : "tasks"}:{" "}
            <AnchorLink to="/tasks/list" search={{ account: accountId, status: "completed" }} size="xs">
              see them in the list
            </AnchorLink>
            .
          </Text>
        ) : null}
      </Stack>
      <TaskDrawer open={drawer} onClose={() => setDrawer(null)} />
    </Section>
  );
}
