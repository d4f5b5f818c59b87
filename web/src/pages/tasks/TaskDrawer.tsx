import { Button, Drawer, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Facts } from "@/platform/ui/Facts";
import { RecordTimeline } from "@/platform/ui/RecordTimeline";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import { notifySuccess } from "@/platform/ui/notify";
import { layout, tones } from "@/theme";
import { refreshTasks, TASK_WRITERS, taskQuery, updateTask, type Task } from "@/pages/tasks/api";
import { DueDate } from "@/pages/tasks/DueDate";
import { TaskForm, type TaskDefaults } from "@/pages/tasks/TaskForm";

export type TaskDrawerOpen = { kind: "new"; defaults: TaskDefaults } | { kind: "edit"; id: string } | null;

interface TaskDrawerProps {
  open: TaskDrawerOpen;
  onClose: () => void;
}

/** Create a task, or see and edit one (with its history and Archive), beside the list it was opened from. */
export function TaskDrawer({ open, onClose }: TaskDrawerProps) {
  return (
    <Drawer
      opened={open !== null}
      onClose={onClose}
      position="right"
      size={layout.drawerWidth}
      title={open?.kind === "new" ? "New task" : "Task"}
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 700 } }}
    >
      {open?.kind === "new" ? <NewTask defaults={open.defaults} onClose={onClose} /> : null}
      {open?.kind === "edit" ? <EditTask key={open.id} id={open.id} onClose={onClose} /> : null}
    </Drawer>
  );
}

function useCanWrite(): boolean {
  return TASK_WRITERS.has(useSession()?.user.role ?? "");
}

function NewTask({ defaults, onClose }: { defaults: TaskDefaults; onClose: () => void }) {
  const canWrite = useCanWrite();
  return <TaskForm task={null} defaults={defaults} readOnly={!canWrite} onDone={onClose} onCancel={onClose} />;
}

function EditTask({ id, onClose }: { id: string; onClose: () => void }) {
  const query = useQuery(taskQuery(id));
  const canWrite = useCanWrite();
  const [kind, setKind] = useState<string | undefined>(undefined);
  if (query.isPending) {
    return (
      <Stack aria-busy="true">
        <Text size="sm" c="dimmed" role="status">
          Loading the task…
        </Text>
        <Skeleton height={28} width="70%" />
        <Skeleton height={120} />
      </Stack>
    );
  }
  if (query.isError) return <ErrorState error={query.error} what="load this task" onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  const task = query.data;
  return (
    <Stack gap="lg">
      <TaskFacts task={task} />
      <TaskForm
        key={task.updatedAt}
        task={task}
        readOnly={!canWrite}
        onDone={onClose}
        onCancel={onClose}
        extraActions={canWrite ? <ArchiveTask task={task} onArchived={onClose} /> : null}
      />
      <Stack gap="xs">
        <Text fw={600} size="sm">
          History
        </Text>
        <RecordTimeline
          subjectType="task"
          subjectId={task.id}
          label={`History of the task ${task.title}`}
          kinds={[]}
          kind={kind}
          onKindChange={setKind}
          emptyText="Nothing recorded yet. Creation, moves and edits appear here with who made them."
        />
      </Stack>
    </Stack>
  );
}

function TaskFacts({ task }: { task: Task }) {
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <StatusPill domain="task" status={task.status} />
        <DueDate task={task} />
      </Group>
      <Facts
        items={[
          [
            "Account",
            task.account ? (
              <AnchorLink to="/accounts/$accountId" params={{ accountId: task.account.id }} size="sm">
                {task.account.name}
              </AnchorLink>
            ) : (
              "—"
            ),
          ],
          ["Made by", task.source && task.source !== "user" ? `Rule ${task.source}` : task.createdBy],
          ["Created", <RelativeTime key="created" value={task.createdAt} size="sm" />],
          ["Completed", <RelativeTime key="completed" value={task.completedAt} size="sm" empty="Not yet" />],
        ]}
      />
    </Stack>
  );
}

function ArchiveTask({ task, onArchived }: { task: Task; onArchived: () => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation({
    mutationFn: () => updateTask(task.id, { archived: true }),
    onSuccess: async () => {
      setConfirming(false);
      notifySuccess("Task archived", task.title);
      onArchived();
      await refreshTasks(queryClient, task);
    },
  });
  return (
    <>
      <Button variant="subtle" color={tones.danger} onClick={() => setConfirming(true)}>
        Archive
      </Button>
      <ConfirmDialog
        opened={confirming}
        onClose={() => {
          setConfirming(false);
          mutation.reset();
        }}
        title="Archive this task?"
        confirmLabel="Archive task"
        intent="danger"
        onConfirm={() => mutation.mutate()}
        pending={mutation.isPending}
        error={mutation.error}
      >
        “{task.title}” leaves the board, the lists and the account page. Its history is kept on the timeline.
      </ConfirmDialog>
    </>
  );
}
