import { Anchor, Button, Group, Menu, Paper, Stack } from "@mantine/core";
import type { DragEvent } from "react";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { colors } from "@/theme";
import type { Task, TaskStatus } from "@/pages/tasks/api";
import type { MoveTarget } from "@/pages/tasks/board-move";
import { DueDate } from "@/pages/tasks/DueDate";
import { TaskOwner } from "@/pages/tasks/TaskOwner";

/** The drag payload type: a task id, so a drop elsewhere in the page is ignored. */
export const TASK_DRAG_TYPE = "application/x-trellis-task";

interface TaskCardProps {
  task: Task;
  /** Every column, for the "Move to" menu. */
  columns: readonly { status: TaskStatus; label: string }[];
  index: number;
  columnSize: number;
  canMove: boolean;
  dragging: boolean;
  /** A dragged card would land just above ("before") or below ("after") this one. */
  dropHint: "before" | "after" | null;
  onOpen: (task: Task) => void;
  onMove: (target: MoveTarget) => void;
  onDragStart: (taskId: string) => void;
  onDragEnd: () => void;
}

/**
 * One task on the board. Drag it to another column or place; the "Move" menu does the same
 * from the keyboard or a screen reader (another column, or up and down in this one).
 */
export function TaskCard({ task, columns, index, columnSize, canMove, dragging, dropHint, onOpen, onMove, onDragStart, onDragEnd }: TaskCardProps) {
  const startDrag = (e: DragEvent<HTMLElement>) => {
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData(TASK_DRAG_TYPE, task.id);
    e.dataTransfer.setData("text/plain", task.title);
    onDragStart(task.id);
  };
  return (
    <Paper
      component="li"
      withBorder
      radius="sm"
      p="xs"
      data-task-id={task.id}
      aria-label={task.title}
      draggable={canMove}
      onDragStart={canMove ? startDrag : undefined}
      onDragEnd={onDragEnd}
      style={{
        cursor: canMove ? "grab" : undefined,
        opacity: dragging ? 0.4 : 1,
        listStyle: "none",
        // The drop line is a shadow, so cards do not shift under the pointer while dragging.
        boxShadow: dropHint ? `0 ${dropHint === "before" ? -5 : 5}px 0 -1px ${colors.rowActiveOutline}` : undefined,
      }}
    >
      <Stack gap={4}>
        <Anchor component="button" type="button" size="sm" fw={600} ta="left" className="trellis-break" onClick={() => onOpen(task)}>
          {task.title}
        </Anchor>
        <TaskOwner task={task} size="xs" />
        <DueDate task={task} size="xs" />
        <Group justify="space-between" gap="xs" wrap="nowrap">
          {task.account ? (
            <AnchorLink to="/accounts/$accountId" params={{ accountId: task.account.id }} size="xs" className="trellis-break" draggable={false}>
              {task.account.name}
            </AnchorLink>
          ) : (
            <span />
          )}
          {canMove ? <MoveMenu task={task} columns={columns} index={index} columnSize={columnSize} onMove={onMove} /> : null}
        </Group>
      </Stack>
    </Paper>
  );
}

interface MoveMenuProps {
  task: Task;
  columns: readonly { status: TaskStatus; label: string }[];
  index: number;
  columnSize: number;
  onMove: (target: MoveTarget) => void;
}

function MoveMenu({ task, columns, index, columnSize, onMove }: MoveMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-xs" aria-label={`Move ${task.title}`}>
          Move to…
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Column</Menu.Label>
        {columns
          .filter((c) => c.status !== task.status)
          .map((c) => (
            <Menu.Item key={c.status} onClick={() => onMove({ status: c.status, index: 0 })}>
              {c.label}
            </Menu.Item>
          ))}
        <Menu.Divider />
        <Menu.Label>In this column</Menu.Label>
        <Menu.Item disabled={index === 0} onClick={() => onMove({ status: task.status, index: 0 })}>
          To the top
        </Menu.Item>
        <Menu.Item disabled={index === 0} onClick={() => onMove({ status: task.status, index: index - 1 })}>
          Up one
        </Menu.Item>
        <Menu.Item disabled={index >= columnSize - 1} onClick={() => onMove({ status: task.status, index: index + 1 })}>
          Down one
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
