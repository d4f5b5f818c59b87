import { Button, Checkbox, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useForm } from "@/platform/form";
import { useNow } from "@/platform/time";
import { DataTable } from "@/platform/ui/DataTable";
import { Notice } from "@/platform/ui/Notice";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { PersonSelect } from "@/pages/accounts/PersonSelect";
import { useAccountsPack } from "@/pages/accounts/pack";
import { daysFromToday, describeDay } from "@/pages/tasks/DueDate";
import { addAction, afterTrackerWrite, TITLE_MAX, updateAction, type RedAccountDetail, type RedAction } from "@/pages/red-accounts/api";

const DAY_MS = 86_400_000;

/** S3 action plan: each item with an owner and a due day; ticking it done is recorded on the timeline. */
export function ActionPlan({ tracker, canEdit }: { tracker: RedAccountDetail; canEdit: boolean }) {
  const items = tracker.actions;
  const columns = ["Done", "Action", "Owner", "Due", "Added"];
  return (
    <Section title="Action plan">
      <Stack gap="sm">
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" role="status">
            {canEdit
              ? "No action items yet. Add the steps that get this account back to yellow or green, each with an owner and a due day."
              : "No action items were recorded."}
          </Text>
        ) : (
          <DataTable label="Action plan" columns={columns} minWidth={720}>
            {items.map((a) => (
              <ActionRow key={a.id} tracker={tracker} action={a} canEdit={canEdit} />
            ))}
          </DataTable>
        )}
        {canEdit ? <AddActionForm tracker={tracker} /> : null}
      </Stack>
    </Section>
  );
}

function ActionRow({ tracker, action: a, canEdit }: { tracker: RedAccountDetail; action: RedAction; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const now = useNow();
  const change = useMutation({
    mutationFn: (body: Parameters<typeof updateAction>[2]) => updateAction(tracker.id, a.id, body),
    onSuccess: async () => afterTrackerWrite(queryClient, tracker.account.id),
    onError: (e) => notifyError(e, `update “${a.title}”`),
  });
  const overdue = a.doneAt === null && a.dueOn !== null && daysFromToday(a.dueOn, now) < 0;
  return (
    <Table.Tr>
      <Table.Td>
        <Checkbox
          aria-label={`Done: ${a.title}`}
          // Shows the click at once; the server's answer (refetched before the mutation settles) then holds.
          checked={change.isPending && change.variables.done !== undefined ? change.variables.done : a.doneAt !== null}
          disabled={!canEdit || change.isPending}
          onChange={(e) => change.mutate({ done: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td className="trellis-break">
        <Text size="sm" td={a.doneAt ? "line-through" : undefined}>
          {a.title}
        </Text>
        {a.doneAt ? (
          <Text size="xs" c="dimmed">
            Done by {a.doneBy ?? "someone"} <RelativeTime value={a.doneAt} />
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {canEdit ? (
          <PersonSelect
            label={`Owner of ${a.title}`}
            emptyLabel="Nobody"
            size="xs"
            w={220}
            value={a.owner?.id ?? ""}
            onChange={(id) => change.mutate({ ownerUserId: id || null })}
          />
        ) : (
          <Text size="sm">{a.owner?.name ?? "Nobody"}</Text>
        )}
      </Table.Td>
      <Table.Td>
        {a.dueOn ? (
          <Text component="time" dateTime={a.dueOn} title={`Due ${a.dueOn} (UTC)`} size="sm" c={overdue ? "red.8" : undefined} fw={overdue ? 600 : undefined}>
            {a.dueOn} · {overdue ? "overdue, " : ""}
            {describeDay(daysFromToday(a.dueOn, now))}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            No due day
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs">
          {a.createdBy}, <RelativeTime value={a.createdAt} />
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

type NewAction = { title: string; ownerUserId: string; dueOn: string };

function AddActionForm({ tracker }: { tracker: RedAccountDetail }) {
  const queryClient = useQueryClient();
  const pack = useAccountsPack();
  const now = useNow();
  const dueDays = (pack.data as { redAccounts?: { actionDueDays?: number } } | undefined)?.redAccounts?.actionDueDays;
  const defaultDue = dueDays === undefined ? "" : new Date(now + dueDays * DAY_MS).toISOString().slice(0, 10);
  const form = useForm<NewAction>(
    { title: "", ownerUserId: "", dueOn: "" },
    {
      title: (v) => (v.trim() === "" ? "Say what will be done." : v.trim().length > TITLE_MAX ? `At most ${TITLE_MAX} characters.` : null),
      dueOn: (v) => (v !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(v) ? "A day like 2026-12-31." : null),
    },
  );
  const add = useMutation({
    mutationFn: () =>
      addAction(tracker.id, {
        title: form.values.title.trim(),
        ...(form.values.ownerUserId ? { ownerUserId: form.values.ownerUserId } : {}),
        ...(form.values.dueOn ? { dueOn: form.values.dueOn } : {}),
      }),
    onSuccess: async (action) => {
      notifySuccess("Action added", action.owner ? `${action.owner.name} is emailed about it.` : `Due ${action.dueOn ?? "—"}.`);
      form.reset();
      await afterTrackerWrite(queryClient, tracker.account.id);
    },
    onError: (e) => form.applyApiError(e, "The action was not added."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) add.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Add an action">
      <Stack gap="xs">
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput label="New action" placeholder="e.g. Find a new champion in platform engineering" required w={360} {...form.text("title")} />
          <PersonSelect
            label="Owner"
            emptyLabel="Nobody yet"
            value={form.values.ownerUserId}
            onChange={(id) => form.setField("ownerUserId", id)}
            error={form.errorOf("ownerUserId")}
            w={240}
          />
          <TextInput
            label="Due"
            type="date"
            w={170}
            description={defaultDue ? `Empty: ${defaultDue}` : undefined}
            {...form.text("dueOn")}
          />
          <Button type="submit" mt={24} loading={add.isPending}>
            Add action
          </Button>
        </Group>
        {form.formError ? <Notice heading="Not added">{form.formError}</Notice> : null}
      </Stack>
    </form>
  );
}
