import { Badge, Button, Group, Modal, Select, SimpleGrid, Skeleton, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSession } from "@/platform/auth";
import { rules, useForm } from "@/platform/form";
import { DataTable } from "@/platform/ui/DataTable";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Notice } from "@/platform/ui/Notice";
import { notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { tones } from "@/theme";
import { ACTIVITY_KINDS, activitiesQuery, activityKindLabel, afterHealthInput, createActivity, healthKeys, healthRoles, type ActivityInput, type ActivityKind } from "@/pages/health/api";
import { pastTimeProblem, utcInputToIso } from "@/pages/health/datetime";

const SUMMARY_MAX = 4000;

/** Calls, meetings, emails and notes with the customer; the latest sets "days since last activity". */
export function AccountActivitiesPanel({ accountId, accountName }: { accountId: string; accountName: string }) {
  const session = useSession();
  const activities = useQuery(activitiesQuery(accountId));
  const [adding, setAdding] = useState(false);
  const canLog = healthRoles.logActivity.has(session?.user.role ?? "");
  const items = activities.data?.items ?? [];

  let body;
  if (activities.isPending) body = <Skeleton height={60} aria-label="Loading activities" />;
  else if (activities.isError) body = <ErrorState error={activities.error} what="load the activities" onRetry={() => void activities.refetch()} retrying={activities.isFetching} />;
  else if (items.length === 0)
    body = (
      <Text size="sm" c="dimmed" role="status">
        No activities logged. {canLog ? "Log calls, meetings and emails with the customer: " : "Logged calls, meetings and emails appear here; "}the latest one sets
        the days since last activity in the health score.
      </Text>
    );
  else
    body = (
      <DataTable label="Activities" columns={["When", "Kind", "Summary", "By"]} minWidth={640}>
        {items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <RelativeTime value={a.at} size="sm" />
            </Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={tones.info} style={{ textTransform: "none" }}>
                {activityKindLabel(a.kind)}
              </Badge>
            </Table.Td>
            <Table.Td className="trellis-break" style={{ whiteSpace: "pre-wrap" }}>
              {a.summary}
            </Table.Td>
            <Table.Td>{a.user?.name ?? a.createdBy}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    );

  return (
    <Section
      title="Activities"
      actions={
        canLog ? (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            Log activity
          </Button>
        ) : undefined
      }
    >
      {body}
      {adding ? <ActivityFormModal accountId={accountId} accountName={accountName} onClose={() => setAdding(false)} /> : null}
    </Section>
  );
}

type Values = { kind: ActivityKind; at: string; summary: string };

function ActivityFormModal({ accountId, accountName, onClose }: { accountId: string; accountName: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<Values>(
    { kind: "call", at: "", summary: "" },
    { summary: rules.required("Summary", SUMMARY_MAX), at: (v) => pastTimeProblem(v, "the time") },
  );
  const save = useMutation({
    mutationFn: () => {
      const v = form.values;
      const input: ActivityInput = { kind: v.kind, summary: v.summary.trim() };
      const at = v.at ? utcInputToIso(v.at) : null;
      if (at) input.at = at;
      return createActivity(accountId, input);
    },
    onSuccess: async (a) => {
      notifySuccess("Activity logged", `${activityKindLabel(a.kind)} with ${accountName}; the health score is recomputed.`);
      onClose();
      await Promise.all([queryClient.invalidateQueries({ queryKey: healthKeys.activities(accountId) }), afterHealthInput(queryClient, accountId)]);
    },
    onError: (e) => form.applyApiError(e, "The activity was not logged."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };
  return (
    <Modal opened onClose={save.isPending ? () => undefined : onClose} title={`Log an activity with ${accountName}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Kind"
              required
              data={ACTIVITY_KINDS.map((k) => ({ value: k.value, label: k.label }))}
              value={form.values.kind}
              onChange={(v) => form.setField("kind", (v as ActivityKind | null) ?? "call")}
              error={form.errorOf("kind")}
              allowDeselect={false}
            />
            <TextInput type="datetime-local" label="When (UTC)" description="Empty: now. Not in the future." {...form.text("at")} />
          </SimpleGrid>
          <Textarea
            label="Summary"
            required
            data-autofocus
            autosize
            minRows={3}
            maxRows={10}
            {...form.text("summary")}
            onChange={(e) => form.setField("summary", e.currentTarget.value)}
          />
          {form.formError ? <Notice heading="Not logged">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Log activity
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
