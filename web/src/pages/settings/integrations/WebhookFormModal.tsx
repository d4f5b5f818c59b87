import { Button, Group, Modal, Stack, TagsInput, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { rules, useForm } from "@/platform/form";
import { notifySuccess } from "@/platform/ui/notify";
import { createWebhook, integrationsQuery, type WebhookEndpoint } from "@/pages/settings/integrations/api";
import { Notice } from "@/platform/ui/Notice";

interface WebhookFormModalProps {
  onClose: () => void;
  onCreated: (endpoint: WebhookEndpoint, secret: string, warnings: string[]) => void;
}

/** Same rule as the server (webhook-endpoint-input.ts): lead.created, lead.* or *. */
const EVENT_TYPE = /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/;

export function WebhookFormModal({ onClose, onCreated }: WebhookFormModalProps) {
  const queryClient = useQueryClient();
  const form = useForm(
    { name: "", url: "", eventTypes: [] as string[] },
    {
      name: rules.required("Name", 100),
      url: rules.url,
      eventTypes: (types) => {
        if (types.length > 100) return "At most 100 event types.";
        const bad = types.find((t) => !EVENT_TYPE.test(t));
        return bad ? `"${bad}" isn't an event type: use lowercase words joined by dots, like lead.created, lead.* or *.` : null;
      },
    },
  );

  const mutation = useMutation({
    mutationFn: () => createWebhook({ name: form.values.name.trim(), url: form.values.url.trim(), eventTypes: form.values.eventTypes }),
    onSuccess: async (result) => {
      notifySuccess(`Webhook ${result.endpoint.name} added`, "Copy its signing secret now; it is shown only once.");
      onCreated(result.endpoint, result.secret, result.warnings ?? []);
      await queryClient.invalidateQueries({ queryKey: integrationsQuery.queryKey });
    },
    onError: (e) => form.applyApiError(e, "Couldn't add the webhook."),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (form.validate()) mutation.mutate();
  };

  return (
    <Modal opened onClose={mutation.isPending ? () => undefined : onClose} title="Add a webhook" size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {form.formError ? (
            <Notice heading="Couldn't add the webhook">{form.formError}</Notice>
          ) : null}
          <TextInput label="Name" required placeholder="CRM sync" data-autofocus autoComplete="off" {...form.text("name")} />
          <TextInput
            label="URL"
            required
            type="url"
            placeholder="https://hooks.example.com/trellis"
            description="Private and loopback addresses are refused unless the outbound allow-list permits them."
            autoComplete="off"
            {...form.text("url")}
          />
          <TagsInput
            label="Event types"
            description="Type an event type and press Enter: lead.created, lead.* (everything about leads) or *. Leave empty to receive every event."
            value={form.values.eventTypes}
            onChange={(v) => form.setField("eventTypes", v.map((t) => t.trim()).filter(Boolean))}
            error={form.errorOf("eventTypes")}
            splitChars={[",", " "]}
            clearable
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Create webhook
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
