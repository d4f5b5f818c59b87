import { Button, SimpleGrid, Skeleton, Stack, Text, VisuallyHidden } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { QueryError } from "@/platform/ui/QueryStates";
import { TASK_WRITERS, taskBoardQuery, type TaskStatus } from "@/pages/tasks/api";
import type { MoveTarget } from "@/pages/tasks/board-move";
import { BoardColumnView } from "@/pages/tasks/BoardColumnView";
import { boardFilters, NO_FILTERS } from "@/pages/tasks/search";
import { TasksFilterBar } from "@/pages/tasks/TasksFilterBar";
import { useMoveTask } from "@/pages/tasks/useMoveTask";
import { useTasksSearch } from "@/pages/tasks/useTasksSearch";

/** What an empty column means; a pack may add its own columns, which get the generic text. */
const EMPTY_TEXT: Record<TaskStatus, string> = {
  todo: "Nothing waiting. New tasks land here.",
  in_progress: "Nothing in progress. Drag a card here when work starts.",
  under_review: "Nothing waiting for review.",
  completed: "Nothing completed yet. The 50 most recent show here.",
};

/** E7: the board, one column per status; drag cards (or use their Move menu) as work moves on. */
export function TaskBoard() {
  const [search, setSearch] = useTasksSearch();
  const filters = boardFilters(search);
  const query = useQuery({ ...taskBoardQuery(filters), placeholderData: keepPreviousData });
  const { move } = useMoveTask(filters);
  const canMove = TASK_WRITERS.has(useSession()?.user.role ?? "");
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<MoveTarget | null>(null);
  const clear = () => setSearch(NO_FILTERS);
  const filtered = Boolean(search.assignee || search.team || search.account);

  const columns = query.data?.columns ?? [];
  const total = columns.reduce((n, c) => n + c.items.length, 0);
  const endDrag = () => {
    setDraggingId(null);
    setDropTarget(null);
  };

  let body;
  if (query.isPending) body = <BoardSkeleton />;
  else if (query.isError && !query.data) body = <QueryError query={query} what="load the task board" />;
  else if (total === 0 && filtered) {
    body = (
      <NoMatches title="No tasks match these filters" onClear={clear}>
        Nobody’s tasks match this person, team and account. Remove a filter to see more of the board.
      </NoMatches>
    );
  } else if (total === 0) {
    body = (
      <EmptyState
        title="No tasks yet"
        actions={
          canMove ? (
            <Button variant="light" onClick={() => setSearch({ task: "new" })}>
              New task
            </Button>
          ) : null
        }
      >
        Tasks appear here when a teammate adds one or a rule does (the CE’s Handoff Doc before close, kickoff check-ins,
        trainings). Add one with New task; move it across the columns as the work goes on.
      </EmptyState>
    );
  } else {
    body = (
      <Stack gap="xs">
        {query.isError ? <QueryError query={query} what="refresh the task board" /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          {columns.map((column) => (
            <BoardColumnView
              key={column.status}
              column={column}
              columns={columns}
              canMove={canMove}
              draggingId={draggingId}
              dropIndex={dropTarget?.status === column.status ? dropTarget.index : null}
              emptyText={EMPTY_TEXT[column.status] ?? "No tasks here."}
              onOpen={(task) => setSearch({ task: task.id })}
              onMove={move}
              onDragStart={setDraggingId}
              onDragEnd={endDrag}
              onDragOverAt={(target) => setDropTarget((prev) => (same(prev, target) ? prev : target))}
              onDropAt={(taskId, target) => {
                endDrag();
                move(taskId, target);
              }}
            />
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {canMove
            ? "Drag a card to another column or place. Keyboard: Tab to a card’s “Move to…” button, press Enter, pick a column or a place with the arrow keys."
            : "Your role reads the board; moving cards is for the people who work the tasks."}
        </Text>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      <TasksFilterBar search={search} onChange={setSearch} onClear={clear} />
      {body}
    </Stack>
  );
}

const same = (a: MoveTarget | null, b: MoveTarget | null): boolean => a?.status === b?.status && a?.index === b?.index;

function BoardSkeleton() {
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">Loading the task board…</VisuallyHidden>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" aria-hidden="true">
        {[0, 1, 2, 3].map((c) => (
          <Stack key={c} gap="xs">
            <Skeleton height={20} width="50%" />
            <Skeleton height={72} />
            <Skeleton height={72} />
          </Stack>
        ))}
      </SimpleGrid>
    </div>
  );
}
