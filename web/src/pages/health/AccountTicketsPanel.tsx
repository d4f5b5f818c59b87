import { Badge, Button, Group, Modal, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useSession } from "@/platform/auth";
import { useForm } from "@/platform/form";
import { nowMs } from "@/platform/time";
import { DataTable } from "@/platform/ui/DataTable";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Notice } from "@/platform/ui/Notice";
import { notifyError, notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { tones } from "@/theme";
import { afterHealthInput, closeTicket, createTicket, healthKeys, healthRoles, TICKET_KINDS, ticketKindLabel, ticketsQuery, TICKETS_LIMIT, type Ticket, type TicketInput, type TicketKind } from "@/pages/health/api";
import { pastTimeProblem, utcInputToIso } from "@/pages/health/datetime";

const SEVERITIES = [
  { value: "", label: "Not set" },
  { value: "0", label: "Sev 0 (most severe)" },
  { value: "1", label: "Sev 1" },
  { value: "2", label: "Sev 2" },
  { value: "3", label: "Sev 3 (least severe)" },
];

/** The account's support tickets (help desk webhook, CSV import or entered here); they feed Technical Health. */
export function AccountTicketsPanel({ accountId, accountName }: { accountId: string; accountName: string }) {
  const session = useSession();
  const tickets = useQuery(ticketsQuery(accountId));
  const [adding, setAdding] = useState(false);
  const canWrite = healthRoles.writeTickets.has(session?.user.role ?? "");
  const items = tickets.data?.items ?? [];
  const open = items.filter((t) => t.closedAt === null).length;

  let body;
  if (tickets.isPending) body = <Skeleton height={60} aria-label="Loading tickets" />;
  else if (tickets.isError) body = <ErrorState error={tickets.error} what="load the tickets" onRetry={() => void tickets.refetch()} retrying={tickets.isFetching} />;
  else if (items.length === 0)
    body = (
      <Text size="sm" c="dimmed" role="status">
        No support tickets. Tickets arrive from the help desk webhook or a CSV import{canWrite ? ", or add one here" : ""}; defect and help tickets of the last 90 days
        count in Technical Health.
      </Text>
    );
  else
    body = (
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {open} open · showing the latest {Math.min(items.length, TICKETS_LIMIT)}
        </Text>
        <DataTable label="Support tickets" columns={["Subject", "Kind", "Severity", "Opened", "Status", "Source", ...(canWrite ? ["Actions"] : [])]} minWidth={760}>
          {items.map((t) => (
            <TicketRow key={t.id} ticket={t} accountId={accountId} canWrite={canWrite} />
          ))}
        </DataTable>
      </Stack>
    );

  return (
    <Section
      title="Support tickets"
      actions={
        canWrite ? (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            Add ticket
          </Button>
        ) : undefined
      }
    >
      {body}
      {adding ? <TicketFormModal accountId={accountId} accountName={accountName} onClose={() => setAdding(false)} /> : null}
    </Section>
  );
}

function TicketRow({ ticket: t, accountId, canWrite }: { ticket: Ticket; accountId: string; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () => closeTicket(t.id, new Date(nowMs()).toISOString()),
    onSuccess: async () => {
      notifySuccess("Ticket closed", t.subject ?? t.externalId ?? undefined);
      await Promise.all([queryClient.invalidateQueries({ queryKey: healthKeys.tickets(accountId) }), afterHealthInput(queryClient, accountId)]);
    },
    onError: (e) => notifyError(e, "close the ticket"),
  });
  const name = t.subject ?? t.externalId ?? "Ticket";
  return (
    <Table.Tr>
      <Table.Td className="trellis-break">
        <Text size="sm">{t.subject ?? <Text span c="dimmed" size="sm">No subject</Text>}</Text>
        {t.externalId ? (
          <Text size="xs" c="dimmed" ff="monospace">
            {t.externalId}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={t.kind === "defect" ? tones.warning : tones.info} style={{ textTransform: "none" }}>
          {ticketKindLabel(t.kind)}
        </Badge>
      </Table.Td>
      <Table.Td>{t.severity === null ? "—" : `Sev ${t.severity}`}</Table.Td>
      <Table.Td>
        <RelativeTime value={t.openedAt} size="sm" />
      </Table.Td>
      <Table.Td>
        {t.closedAt ? (
          <Text size="sm" c="dimmed">
            Closed <RelativeTime value={t.closedAt} />
          </Text>
        ) : (
          <Badge size="sm" variant="outline" color={tones.progress} style={{ textTransform: "none" }}>
            Open
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{t.source}</Table.Td>
      {canWrite ? (
        <Table.Td>
          {t.closedAt ? null : (
            <Button size="compact-xs" variant="subtle" aria-label={`Close ticket ${name}`} loading={close.isPending} onClick={() => close.mutate()}>
              Close
            </Button>
          )}
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

type Values = { kind: TicketKind; severity: string; subject: string; openedAt: string; externalId: string };

function TicketFormModal({ accountId, accountName, onClose }: { accountId: string; accountName: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<Values>(
    { kind: "help", severity: "", subject: "", openedAt: "", externalId: "" },
    {
      subject: (v) => (v.trim().length > 500 ? "Subject must be at most 500 characters long." : null),
      openedAt: (v) => pastTimeProblem(v, "the opening time"),
      externalId: (v) => (v.trim().length > 200 ? "External id must be at most 200 characters long." : null),
    },
  );
  const save = useMutation({
    mutationFn: () => {
      const v = form.values;
      const input: TicketInput = { kind: v.kind };
      if (v.severity !== "") input.severity = Number(v.severity);
      if (v.subject.trim()) input.subject = v.subject.trim();
      const openedAt = v.openedAt ? utcInputToIso(v.openedAt) : null;
      if (openedAt) input.openedAt = openedAt;
      if (v.externalId.trim()) input.externalId = v.externalId.trim();
      return createTicket(accountId, input);
    },
    onSuccess: async (t) => {
      notifySuccess("Ticket added", `${ticketKindLabel(t.kind)} ticket for ${accountName}; the health score is recomputed.`);
      onClose();
      await Promise.all([queryClient.invalidateQueries({ queryKey: healthKeys.tickets(accountId) }), afterHealthInput(queryClient, accountId)]);
    },
    onError: (e) => form.applyApiError(e, "The ticket was not added."),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) save.mutate();
  };
  return (
    <Modal opened onClose={save.isPending ? () => undefined : onClose} title={`Add a support ticket to ${accountName}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Kind"
              required
              data={TICKET_KINDS.map((k) => ({ value: k.value, label: k.label }))}
              value={form.values.kind}
              onChange={(v) => form.setField("kind", (v as TicketKind | null) ?? "help")}
              error={form.errorOf("kind")}
              allowDeselect={false}
            />
            <Select
              label="Severity"
              data={SEVERITIES}
              value={form.values.severity}
              onChange={(v) => form.setField("severity", v ?? "")}
              error={form.errorOf("severity")}
              allowDeselect={false}
            />
          </SimpleGrid>
          <TextInput label="Subject" data-autofocus {...form.text("subject")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput type="datetime-local" label="Opened (UTC)" description="Empty: now." {...form.text("openedAt")} />
            <TextInput label="Help desk id" description="Optional; a later import or webhook with the same id updates this ticket." {...form.text("externalId")} />
          </SimpleGrid>
          {form.formError ? <Notice heading="Not added">{form.formError}</Notice> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Add ticket
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
