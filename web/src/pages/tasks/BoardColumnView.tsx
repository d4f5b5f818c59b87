import { Badge, Paper, Stack, Text, Title } from "@mantine/core";
import type { DragEvent } from "react";
import { colors } from "@/theme";
import type { BoardColumn, Task, TaskStatus } from "@/pages/tasks/api";
import type { MoveTarget } from "@/pages/tasks/board-move";
import { TASK_DRAG_TYPE, TaskCard } from "@/pages/tasks/TaskCard";

interface BoardColumnViewProps {
  column: BoardColumn;
  columns: readonly { status: TaskStatus; label: string }[];
  canMove: boolean;
  draggingId: string | null;
  /** Where a dragged card would land in this column, or null. */
  dropIndex: number | null;
  emptyText: string;
  onOpen: (task: Task) => void;
  onMove: (taskId: string, target: MoveTarget) => void;
  onDragStart: (taskId: string) => void;
  onDragEnd: () => void;
  onDragOverAt: (target: MoveTarget | null) => void;
  onDropAt: (taskId: string, target: MoveTarget) => void;
}

/** The index among the column's other cards above which the pointer is (the dragged card left out). */
function indexAt(list: HTMLElement, clientY: number, draggingId: string | null): number {
  const cards = Array.from(list.querySelectorAll<HTMLElement>(":scope > [data-task-id]")).filter((el) => el.dataset.taskId !== draggingId);
  const index = cards.findIndex((el) => {
    const r = el.getBoundingClientRect();
    return clientY < r.top + r.height / 2;
  });
  return index === -1 ? cards.length : index;
}

const isTaskDrag = (e: DragEvent<HTMLElement>): boolean => e.dataTransfer.types.includes(TASK_DRAG_TYPE);

/** One board column: its pack label and count, then its cards; a drop target for dragged cards. */
export function BoardColumnView(props: BoardColumnViewProps) {
  const { column, columns, canMove, draggingId, dropIndex, emptyText, onOpen, onMove, onDragStart, onDragEnd, onDragOverAt, onDropAt } = props;
  const headingId = `task-column-${column.status}`;
  const others = column.items.filter((t) => t.id !== draggingId);
  const total = Math.max(column.total ?? 0, column.items.length);

  const onDragOver = (e: DragEvent<HTMLUListElement>) => {
    if (!canMove || !isTaskDrag(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    onDragOverAt({ status: column.status, index: indexAt(e.currentTarget, e.clientY, draggingId) });
  };
  const onDrop = (e: DragEvent<HTMLUListElement>) => {
    if (!canMove || !isTaskDrag(e)) return;
    e.preventDefault();
    const taskId = e.dataTransfer.getData(TASK_DRAG_TYPE) || draggingId;
    if (taskId) onDropAt(taskId, { status: column.status, index: indexAt(e.currentTarget, e.clientY, taskId) });
  };
  const onDragLeave = (e: DragEvent<HTMLUListElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onDragOverAt(null);
  };

  // The drop line: above the card the dragged one would go before, or below the last card.
  const hint = (task: Task): "before" | "after" | null => {
    if (dropIndex === null || task.id === draggingId) return null;
    const at = others.indexOf(task);
    if (at === dropIndex) return "before";
    return at === others.length - 1 && dropIndex >= others.length ? "after" : null;
  };

  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby={headingId} bg={colors.chrome}>
      <Stack gap="xs" h="100%">
        <Title order={2} size="h5" id={headingId}>
          {column.label}{" "}
          <Badge size="sm" variant="default" radius="sm" aria-label={`${total} tasks`}>
            {total}
          </Badge>
        </Title>
        <ul
          aria-label={`${column.label} tasks`}
          onDragOver={onDragOver}
          onDrop={onDrop}
          onDragLeave={onDragLeave}
          style={{
            display: "flex",
            flexDirection: "column",
            gap: "var(--mantine-spacing-xs)",
            margin: 0,
            padding: 4,
            minHeight: 160,
            flexGrow: 1,
            borderRadius: "var(--mantine-radius-sm)",
            outline: dropIndex !== null ? `2px dashed ${colors.rowActiveOutline}` : undefined,
          }}
        >
          {column.items.map((task, index) => (
            <TaskCard
              key={task.id}
              task={task}
              dropHint={hint(task)}
              columns={columns}
              index={index}
              columnSize={column.items.length}
              canMove={canMove}
              dragging={task.id === draggingId}
              onOpen={onOpen}
              onMove={(target) => onMove(task.id, target)}
              onDragStart={onDragStart}
              onDragEnd={onDragEnd}
            />
          ))}
          {total > column.items.length ? (
            <Text component="li" size="xs" c="dimmed" style={{ listStyle: "none" }}>
              Showing {column.items.length} of {total}; the list tab has them all.
            </Text>
          ) : null}
          {column.items.length === 0 ? (
            <Text component="li" size="xs" c="dimmed" style={{ listStyle: "none" }}>
              {emptyText}
            </Text>
          ) : null}
        </ul>
      </Stack>
    </Paper>
  );
}

