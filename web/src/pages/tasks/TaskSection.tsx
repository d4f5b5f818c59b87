import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { Task } from "@/pages/tasks/api";
import { TaskTable } from "@/pages/tasks/TaskTable";

interface TaskSectionProps {
  id: string;
  title: string;
  items: Task[];
  /** Says what shows here and what to do when nothing does. */
  emptyText: string;
  onOpen: (task: Task) => void;
  /** Colour of the count badge (danger for overdue work). */
  tone?: string;
  actions?: ReactNode;
}

/** A titled group of tasks with its count, as a dense table. */
export function TaskSection({ id, title, items, emptyText, onOpen, tone, actions }: TaskSectionProps) {
  const headingId = `tasks-${id}`;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5" id={headingId}>
            {title}{" "}
            <Badge size="sm" variant={tone && items.length > 0 ? "filled" : "default"} color={tone} radius="sm" aria-label={`${items.length} tasks`}>
              {items.length}
            </Badge>
          </Title>
          {actions}
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        ) : (
          <TaskTable label={title} items={items} onOpen={onOpen} keyboard={false} />
        )}
      </Stack>
    </Paper>
  );
}
