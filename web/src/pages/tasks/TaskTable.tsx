import { Anchor, Table, Text } from "@mantine/core";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ListTable } from "@/platform/ui/DataTable";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { Task } from "@/pages/tasks/api";
import { DueDate } from "@/pages/tasks/DueDate";
import { TaskOwner } from "@/pages/tasks/TaskOwner";

export const TASK_COLUMNS = ["Task", "Status", "Assignee", "Due", "Account"];

interface TaskTableProps {
  /** Accessible name ("Overdue tasks"): browser tests find tables by it. */
  label: string;
  items: Task[];
  onOpen: (task: Task) => void;
  /** Leave out the account column (on the account's own page). */
  withoutAccount?: boolean;
  dimmed?: boolean;
  /** j / k move between rows; off where several task tables share a page (one set of keys per page). */
  keyboard?: boolean;
}

/** Dense list of tasks. Row click, Enter or the title opens the task. */
export function TaskTable({ label, items, onOpen, withoutAccount = false, dimmed = false, keyboard = true }: TaskTableProps) {
  const { getRowProps } = useRowNavigation(keyboard ? items.length : 0, (index) => {
    const task = items[index];
    if (task) onOpen(task);
  });
  const columns = withoutAccount ? TASK_COLUMNS.filter((c) => c !== "Account") : TASK_COLUMNS;
  return (
    <ListTable label={label} minWidth={withoutAccount ? 640 : 820} columns={columns} dimmed={dimmed}>
      {items.map((task, index) => (
        <Table.Tr key={task.id} {...getRowProps(index)}>
          <Table.Td maw={360} className="trellis-break">
            <Anchor component="button" type="button" size="sm" fw={500} ta="left" onClick={() => onOpen(task)}>
              {task.title}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <StatusPill domain="task" status={task.status} />
          </Table.Td>
          <Table.Td>
            <TaskOwner task={task} />
          </Table.Td>
          <Table.Td>
            <DueDate task={task} />
          </Table.Td>
          {withoutAccount ? null : (
            <Table.Td className="trellis-break">
              {task.account ? (
                <AnchorLink to="/accounts/$accountId" params={{ accountId: task.account.id }} size="sm">
                  {task.account.name}
                </AnchorLink>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
          )}
        </Table.Tr>
      ))}
    </ListTable>
  );
}
