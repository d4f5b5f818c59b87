import { Skeleton, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useRoleLabel, useSession } from "@/platform/auth";
import { QueryError } from "@/platform/ui/QueryStates";
import { tones } from "@/theme";
import { myDayQuery, type Task } from "@/pages/tasks/api";
import { TaskSection } from "@/pages/tasks/TaskSection";
import { useTasksSearch } from "@/pages/tasks/useTasksSearch";

/** What needs me today: my overdue tasks first, then today's, the week ahead, and my team's unclaimed work. */
export function MyDay() {
  const [, setSearch] = useTasksSearch();
  const query = useQuery(myDayQuery);
  const role = useSession()?.user.role ?? "";
  const roleLabel = useRoleLabel();
  const open = (task: Task) => setSearch({ task: task.id });

  if (query.isPending) {
    return (
      <Stack aria-busy="true">
        <VisuallyHidden role="status">Loading your day…</VisuallyHidden>
        <Skeleton height={90} />
        <Skeleton height={90} />
        <Skeleton height={90} />
      </Stack>
    );
  }
  if (query.isError && !query.data) return <QueryError query={query} what="load your day" />;
  const day = query.data;
  const nothing = day.overdue.length + day.today.length + day.upcoming.length + day.team.length === 0;
  return (
    <Stack gap="sm">
      {query.isError ? <QueryError query={query} what="refresh your day" /> : null}
      {nothing ? (
        <Text size="sm" c="dimmed" role="status">
          A clear day: nothing of yours is overdue or due this week, and your team has no unassigned work.
        </Text>
      ) : null}
      <TaskSection
        id="overdue"
        title="Overdue"
        tone={tones.danger}
        items={day.overdue}
        onOpen={open}
        emptyText="Nothing overdue. Tasks past their due day show here first."
      />
      <TaskSection id="today" title="Due today" items={day.today} onOpen={open} emptyText="Nothing due today." />
      <TaskSection id="upcoming" title="Next 7 days" items={day.upcoming} onOpen={open} emptyText="Nothing due in the next 7 days." />
      <TaskSection
        id="team"
        title={`Unassigned for my team (${roleLabel(role)})`}
        items={day.team}
        onOpen={open}
        emptyText="Your team has no unassigned tasks. Tasks a rule gives to your role without an owner show here; open one and assign it to yourself."
      />
    </Stack>
  );
}
