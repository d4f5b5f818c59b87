import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useRoleLabel } from "@/platform/auth";
import { DataTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { Notice } from "@/platform/ui/Notice";
import { QueryError } from "@/platform/ui/QueryStates";
import { tones } from "@/theme";
import { overdueQuery, type OverdueReport, type Task } from "@/pages/tasks/api";
import { TaskTable } from "@/pages/tasks/TaskTable";
import { useTasksSearch } from "@/pages/tasks/useTasksSearch";

type Holder = OverdueReport["byAssignee"][number];

/** One key per row of the summary: the person, or the team for unassigned work. */
const holderKey = (h: Pick<Holder, "assignee" | "team">): string => (h.assignee ? `user:${h.assignee.id}` : `team:${h.team ?? ""}`);
const taskHolderKey = (t: Task): string => holderKey({ assignee: t.assignee, team: t.team });

/** Leadership's view: every open task past its due day, counted by person and team, then listed. */
export function OverdueTasks() {
  const [, setSearch] = useTasksSearch();
  const query = useQuery(overdueQuery);
  const roleLabel = useRoleLabel();
  const [holder, setHolder] = useState<string | null>(null);

  if (query.isPending) {
    return (
      <Stack aria-busy="true">
        <VisuallyHidden role="status">Loading overdue tasks…</VisuallyHidden>
        <Skeleton height={60} />
        <Skeleton height={160} />
      </Stack>
    );
  }
  if (query.isError && !query.data) return <QueryError query={query} what="load the overdue tasks" />;
  const report = query.data;
  if (report.items.length === 0) {
    return (
      <EmptyState title="Nothing is overdue">
        Every open task is on time. Tasks past their due day show here for everyone, counted by person and team, so leadership
        sees where work is stuck.
      </EmptyState>
    );
  }
  const holderName = (h: Pick<Holder, "assignee" | "team">): string =>
    h.assignee ? h.assignee.name : h.team ? `Unassigned (${roleLabel(h.team)} team)` : "Unassigned, no team";
  const shown = holder ? report.items.filter((t) => taskHolderKey(t) === holder) : report.items;
  const chosen = holder ? report.byAssignee.find((h) => holderKey(h) === holder) : undefined;

  return (
    <Stack gap="sm">
      {query.isError ? <QueryError query={query} what="refresh the overdue tasks" /> : null}
      <Notice tone="danger" announce="none" heading={`${report.items.length} open ${report.items.length === 1 ? "task is" : "tasks are"} overdue`}>
        Leadership’s view, for everyone: who holds work past its due day. Choose a person to see their tasks.
      </Notice>
      <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="overdue-by-person">
        <Stack gap="xs">
          <Title order={2} size="h5" id="overdue-by-person">
            Overdue by person and team
          </Title>
          <DataTable label="Overdue tasks by person" columns={["Person", "Team", "Overdue"]} numeric={["Overdue"]} highlightOnHover>
            {report.byAssignee.map((h) => {
              const key = holderKey(h);
              return (
                <Table.Tr key={key} aria-selected={holder === key}>
                  <Table.Td>
                    <Anchor component="button" type="button" size="sm" onClick={() => setHolder(holder === key ? null : key)} aria-pressed={holder === key}>
                      {holderName(h)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{h.team ? roleLabel(h.team) : "—"}</Table.Td>
                  <Table.Td ta="right">
                    <Badge color={tones.danger} variant="light" radius="sm">
                      {h.count}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="overdue-list">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h5" id="overdue-list">
              {chosen ? `Overdue tasks of ${holderName(chosen)}` : "All overdue tasks"}
            </Title>
            {holder ? (
              <Button variant="subtle" size="compact-xs" onClick={() => setHolder(null)}>
                Show everyone’s
              </Button>
            ) : null}
          </Group>
          <TaskTable label="Overdue tasks" items={shown} onOpen={(task) => setSearch({ task: task.id })} />
          <Text size="xs" c="dimmed">
            Keyboard: j / k move between tasks, Enter opens the focused one.
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
