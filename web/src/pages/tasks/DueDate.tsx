import { Text } from "@mantine/core";
import { useNow } from "@/platform/time";
import { tones } from "@/theme";
import type { Task } from "@/pages/tasks/api";

const DAY_MS = 86_400_000;

/** Whole days from today (UTC, by the server's clock) to `day` ('YYYY-MM-DD'): negative when past. */
export function daysFromToday(day: string, now: number): number {
  const due = Date.parse(`${day}T00:00:00Z`);
  const today = Date.parse(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((due - today) / DAY_MS);
}

/** "today", "tomorrow", "in 3 days", "2 days ago". */
export function describeDay(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** A task's due day, relative, with the exact day on hover; red once overdue (open tasks only). */
export function DueDate({ task, size = "sm" }: { task: Pick<Task, "dueOn" | "overdue" | "status">; size?: "xs" | "sm" }) {
  const now = useNow();
  if (!task.dueOn) {
    return (
      <Text component="span" size={size} c="dimmed">
        No due date
      </Text>
    );
  }
  const overdue = task.overdue && task.status !== "completed";
  const when = describeDay(daysFromToday(task.dueOn, now));
  return (
    <Text
      component="time"
      dateTime={task.dueOn}
      title={`Due ${task.dueOn} (UTC)`}
      size={size}
      c={overdue ? tones.danger : undefined}
      fw={overdue ? 600 : undefined}
      style={{ whiteSpace: "nowrap" }}
    >
      {overdue ? `Overdue: due ${when}` : `Due ${when}`}
    </Text>
  );
}
