import { Text } from "@mantine/core";
import { useRoleLabel } from "@/platform/auth";
import type { Task } from "@/pages/tasks/api";

/** Who holds the task: the assignee, else the team it waits on, else nobody yet. */
export function TaskOwner({ task, size = "sm" }: { task: Pick<Task, "assignee" | "team">; size?: "xs" | "sm" }) {
  const roleLabel = useRoleLabel();
  if (task.assignee) {
    return (
      <Text component="span" size={size} title={task.assignee.email}>
        {task.assignee.name}
        {task.team ? (
          <Text component="span" size={size} c="dimmed">
            {" "}
            · {roleLabel(task.team)}
          </Text>
        ) : null}
      </Text>
    );
  }
  return (
    <Text component="span" size={size} c="dimmed">
      {task.team ? `Unassigned · ${roleLabel(task.team)} team` : "Unassigned"}
    </Text>
  );
}
