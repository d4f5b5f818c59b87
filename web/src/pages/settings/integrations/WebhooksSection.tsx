import { Badge, Button, Group, Table, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { DataTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import { describeEventTypes, integrationsQuery, rotateWebhookSecret, setWebhookActive, type WebhookEndpoint } from "@/pages/settings/integrations/api";
import { Section } from "@/platform/ui/Section";
import { SecretRevealModal } from "@/pages/settings/integrations/SecretRevealModal";
import { WebhookFormModal } from "@/pages/settings/integrations/WebhookFormModal";

type Dialog =
  | { kind: "create" }
  | { kind: "toggle"; endpoint: WebhookEndpoint }
  | { kind: "rotate"; endpoint: WebhookEndpoint }
  | { kind: "secret"; endpoint: WebhookEndpoint; secret: string; reason: "created" | "rotated"; warnings: string[] }
  | null;

const COLUMNS = ["Name", "URL", "Events", "Status", "Added"];

export function WebhooksSection({ webhooks, isAdmin }: { webhooks: WebhookEndpoint[]; isAdmin: boolean }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const columns = isAdmin ? [...COLUMNS, "Actions"] : COLUMNS;
  const close = () => setDialog(null);

  return (
    <Section
      title="Webhooks"
      actions={isAdmin ? <Button size="xs" onClick={() => setDialog({ kind: "create" })}>Add webhook</Button> : null}
    >
      <Text size="sm" c="dimmed">
        Trellis posts lifecycle events to these URLs, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp and
        webhook-signature headers), and retries failures from the Outbox.
      </Text>
      {webhooks.length === 0 ? (
        <EmptyState title="No webhooks yet">
          Add a webhook to send events such as a lead changing status to another system: your CRM, a data warehouse or an
          automation tool. {isAdmin ? "Use “Add webhook” above." : "Ask an admin to add one."}
        </EmptyState>
      ) : (
        <DataTable label="Webhook endpoints" columns={columns} minWidth={760} highlightOnHover>
          {webhooks.map((w) => (
            <Table.Tr key={w.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {w.name}
                </Text>
              </Table.Td>
              <Table.Td className="trellis-break" maw={280}>
                <Text size="sm" ff="monospace">
                  {w.url}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {describeEventTypes(w.eventTypes).map((t) => (
                    <Badge key={t} size="xs" variant="default" style={{ textTransform: "none" }}>
                      {t}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <StatusPill domain="webhook" status={w.active ? "active" : "inactive"} />
              </Table.Td>
              <Table.Td>
                <RelativeTime value={w.createdAt} size="sm" />
              </Table.Td>
              {isAdmin ? (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="default" aria-label={`Rotate secret for ${w.name}`} onClick={() => setDialog({ kind: "rotate", endpoint: w })}>
                      Rotate secret
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color={w.active ? "red" : undefined}
                      aria-label={`${w.active ? "Deactivate" : "Activate"} ${w.name}`}
                      onClick={() => setDialog({ kind: "toggle", endpoint: w })}
                    >
                      {w.active ? "Deactivate" : "Activate"}
                    </Button>
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {dialog?.kind === "create" ? (
        <WebhookFormModal onClose={close} onCreated={(endpoint, secret, warnings) => setDialog({ kind: "secret", endpoint, secret, reason: "created", warnings })} />
      ) : null}
      {dialog?.kind === "toggle" ? <ToggleWebhookDialog endpoint={dialog.endpoint} onClose={close} /> : null}
      {dialog?.kind === "rotate" ? (
        <RotateSecretDialog endpoint={dialog.endpoint} onClose={close} onRotated={(secret) => setDialog({ kind: "secret", endpoint: dialog.endpoint, secret, reason: "rotated", warnings: [] })} />
      ) : null}
      {dialog?.kind === "secret" ? <SecretRevealModal endpoint={dialog.endpoint} secret={dialog.secret} reason={dialog.reason} warnings={dialog.warnings} onClose={close} /> : null}
    </Section>
  );
}

function ToggleWebhookDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const queryClient = useQueryClient();
  const deactivating = endpoint.active;
  const mutation = useMutation({
    mutationFn: () => setWebhookActive(endpoint.id, !endpoint.active),
    onSuccess: async () => {
      onClose();
      notifySuccess(deactivating ? `${endpoint.name} deactivated` : `${endpoint.name} activated`);
      await queryClient.invalidateQueries({ queryKey: integrationsQuery.queryKey });
    },
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={deactivating ? `Deactivate ${endpoint.name}?` : `Activate ${endpoint.name}?`}
      confirmLabel={deactivating ? "Deactivate" : "Activate"}
      intent={deactivating ? "danger" : "primary"}
      onConfirm={() => mutation.mutate()}
      pending={mutation.isPending}
      error={mutation.error}
    >
      {deactivating
        ? `Trellis stops sending events to ${endpoint.url}. Nothing is deleted; you can activate it again later, and events that happen meanwhile are not sent.`
        : `Trellis starts sending new events (${describeEventTypes(endpoint.eventTypes).join(", ")}) to ${endpoint.url}, signed with the current secret.`}
    </ConfirmDialog>
  );
}

function RotateSecretDialog({ endpoint, onClose, onRotated }: { endpoint: WebhookEndpoint; onClose: () => void; onRotated: (secret: string) => void }) {
  const mutation = useMutation({
    mutationFn: () => rotateWebhookSecret(endpoint.id),
    onSuccess: (result) => {
      notifySuccess(`Secret rotated for ${endpoint.name}`, "Copy the new secret now; it is shown only once.");
      onRotated(result.secret);
    },
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Rotate the signing secret for ${endpoint.name}?`}
      confirmLabel="Rotate secret"
      intent="danger"
      onConfirm={() => mutation.mutate()}
      pending={mutation.isPending}
      error={mutation.error}
    >
      Trellis creates a new signing secret and signs every delivery from now on with it; the current secret stops being used.
      Update the receiver at {endpoint.url} with the new secret right away, or it will reject Trellis's events. The new secret
      is shown once, on the next screen.
    </ConfirmDialog>
  );
}
