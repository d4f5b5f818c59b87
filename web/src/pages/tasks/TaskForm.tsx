import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FormEvent, ReactNode } from "react";
import { rolesQuery, useSession } from "@/platform/auth";
import { rules, useForm } from "@/platform/form";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { usersQuery } from "@/pages/channels/api";
import {
  createTask,
  refreshTasks,
  TASK_DESCRIPTION_MAX,
  TASK_STATUSES,
  TASK_TITLE_MAX,
  updateTask,
  type Task,
  type TaskPatch,
  type TaskStatus,
} from "@/pages/tasks/api";
import { AccountPicker } from "@/pages/tasks/AccountPicker";
import { statusStyle } from "@/platform/status-colors";

/** What a new task starts with (the account of the page it was added from, say). */
export interface TaskDefaults {
  accountId?: string | undefined;
  assigneeUserId?: string | undefined;
  team?: string | undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const dueRule = (value: string): string | null => (value && !DAY.test(value) ? "Enter a day like 2026-12-31, or leave it empty." : null);
const descriptionRule = (value: string): string | null =>
  value.trim().length > TASK_DESCRIPTION_MAX ? `Description must be at most ${TASK_DESCRIPTION_MAX.toLocaleString("en")} characters long.` : null;

interface TaskFormProps {
  /** The task being edited, or null to create one. */
  task: Task | null;
  defaults?: TaskDefaults;
  /** Leadership reads tasks but does not change them. */
  readOnly: boolean;
  onDone: (task: Task) => void;
  onCancel: () => void;
  /** Extra actions beside Save (Archive). */
  extraActions?: ReactNode;
}

/** Create or edit a task: title, description, assignee, team, due day, account (and the column when editing). */
export function TaskForm({ task, defaults = {}, readOnly, onDone, onCancel, extraActions }: TaskFormProps) {
  const queryClient = useQueryClient();
  const session = useSession();
  const users = useQuery(usersQuery);
  const roles = useQuery(rolesQuery);
  const form = useForm(
    {
      title: task?.title ?? "",
      description: task?.description ?? "",
      assigneeUserId: task ? (task.assignee?.id ?? "") : (defaults.assigneeUserId ?? ""),
      team: task ? (task.team ?? "") : (defaults.team ?? ""),
      dueOn: task?.dueOn ?? "",
      accountId: task ? (task.account?.id ?? "") : (defaults.accountId ?? ""),
      status: (task?.status ?? "todo") as TaskStatus,
    },
    { title: rules.required("Title", TASK_TITLE_MAX), description: descriptionRule, dueOn: dueRule },
  );

  const mutation = useMutation({
    mutationFn: async (): Promise<Task> => {
      const v = form.values;
      const nullable = (s: string): string | null => s.trim() || null;
      if (!task) {
        return createTask({
          title: v.title.trim(),
          description: v.description.trim(),
          assigneeUserId: nullable(v.assigneeUserId),
          team: nullable(v.team),
          dueOn: nullable(v.dueOn),
          accountId: nullable(v.accountId),
        });
      }
      const patch: TaskPatch = {};
      if (v.title.trim() !== task.title) patch.title = v.title.trim();
      if (v.description.trim() !== task.description) patch.description = v.description.trim();
      if (nullable(v.assigneeUserId) !== (task.assignee?.id ?? null)) patch.assigneeUserId = nullable(v.assigneeUserId);
      if (nullable(v.team) !== task.team) patch.team = nullable(v.team);
      if (nullable(v.dueOn) !== task.dueOn) patch.dueOn = nullable(v.dueOn);
      if (v.status !== task.status) patch.status = v.status;
      if (Object.keys(patch).length === 0) return task;
      return updateTask(task.id, patch);
    },
    onSuccess: async (saved) => {
      notifySuccess(task ? "Task saved" : "Task created", saved.title);
      onDone(saved);
      await refreshTasks(queryClient, saved);
    },
    onError: (e) => form.applyApiError(e, task ? "Couldn't save the task." : "Couldn't create the task."),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) mutation.mutate();
  };

  const me = session?.user.id;
  const people = [...(users.data?.items ?? [])].sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : a.name.localeCompare(b.name)));
  const assigned = task?.assignee;
  // A deactivated assignee is not in the list of active users: keep them as an option.
  if (assigned && !people.some((p) => p.id === assigned.id)) people.push({ ...assigned, role: "" });
  const teamOptions = (roles.data?.items ?? []).map((r) => ({ value: r.role, label: r.label }));
  if (form.values.team && !teamOptions.some((o) => o.value === form.values.team)) teamOptions.push({ value: form.values.team, label: form.values.team });

  return (
    <form onSubmit={onSubmit} noValidate aria-label={task ? "Edit task" : "New task"}>
      <fieldset disabled={readOnly || mutation.isPending} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="sm">
          <TextInput label="Title" required data-autofocus placeholder="Fill in the Handoff Doc" {...form.text("title")} />
          <Textarea
            label="Description"
            autosize
            minRows={3}
            maxRows={10}
            value={form.values.description}
            onChange={(e) => form.setField("description", e.currentTarget.value)}
            error={form.errorOf("description")}
          />
          <Group grow align="flex-start">
            <NativeSelect
              label="Assignee"
              data={[
                { value: "", label: users.isPending ? "Loading people…" : "Unassigned" },
                ...people.map((p) => ({ value: p.id, label: p.id === me ? `${p.name} (me)` : p.name })),
              ]}
              value={form.values.assigneeUserId}
              onChange={(e) => form.setField("assigneeUserId", e.currentTarget.value)}
              error={form.errorOf("assigneeUserId")}
            />
            <NativeSelect
              label="Team"
              description="Its members share the task while nobody owns it."
              data={[{ value: "", label: "No team" }, ...teamOptions]}
              value={form.values.team}
              onChange={(e) => form.setField("team", e.currentTarget.value)}
              error={form.errorOf("team")}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label="Due date" type="date" {...form.text("dueOn")} />
            {task ? (
              <NativeSelect
                label="Status"
                data={TASK_STATUSES.map((s) => ({ value: s, label: statusStyle("task", s).label }))}
                value={form.values.status}
                onChange={(e) => form.setField("status", e.currentTarget.value as TaskStatus)}
                error={form.errorOf("status")}
              />
            ) : null}
          </Group>
          {task ? null : (
            <AccountPicker
              label="Account"
              value={form.values.accountId || null}
              onChange={(id) => form.setField("accountId", id ?? "")}
              error={form.errorOf("accountId")}
              placeholder="Optional: the account it is for"
            />
          )}
          {form.formError ? <Notice heading={task ? "Couldn't save the task" : "Couldn't create the task"}>{form.formError}</Notice> : null}
          {readOnly ? null : (
            <Group justify="space-between" mt="sm">
              <Group gap="sm">{extraActions}</Group>
              <Group gap="sm">
                <Button variant="default" onClick={onCancel} disabled={mutation.isPending}>
                  Cancel
                </Button>
                <Button type="submit" loading={mutation.isPending}>
                  {task ? "Save task" : "Create task"}
                </Button>
              </Group>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
