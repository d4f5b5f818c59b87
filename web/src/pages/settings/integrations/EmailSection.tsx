import { Button, Group, Input, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { useState, type FormEvent } from "react";
import { rules, useForm } from "@/platform/form";
import { Facts } from "@/platform/ui/Facts";
import { notifySuccess } from "@/platform/ui/notify";
import { sendTestEmail, type IntegrationsInfo } from "@/pages/settings/integrations/api";
import { Env, EnvHint } from "@/pages/settings/integrations/EnvHint";
import { Section } from "@/platform/ui/Section";

interface EmailSectionProps {
  email: IntegrationsInfo["email"];
  isAdmin: boolean;
  defaultTo: string;
}

export function EmailSection({ email, isAdmin, defaultTo }: EmailSectionProps) {
  return (
    <Section title="Email" configured={email.configured}>
      <Facts
        items={[
          ["Sends from", email.from || "—"],
          ["SMTP server", email.host ?? "—"],
        ]}
      />
      {email.configured ? null : (
        <EnvHint>
          Trellis can't send email yet. Set <Env name="SMTP_URL" /> (smtp:// or smtps://, with credentials) and{" "}
          <Env name="MAIL_FROM" /> in the server's environment, then restart Trellis. Until then, emails wait in the Outbox.
        </EnvHint>
      )}
      {isAdmin ? <TestEmailForm configured={email.configured} defaultTo={defaultTo} from={email.from} /> : null}
    </Section>
  );
}

function TestEmailForm({ configured, defaultTo, from }: { configured: boolean; defaultTo: string; from: string }) {
  const queryClient = useQueryClient();
  const form = useForm({ to: defaultTo }, { to: rules.email });
  const [queued, setQueued] = useState<{ id: string; to: string } | null>(null);
  const mutation = useMutation({
    mutationFn: () => sendTestEmail(form.values.to.trim()),
    onSuccess: async (result) => {
      const id = String(result.outboxId);
      setQueued({ id, to: form.values.to.trim() });
      notifySuccess("Test email queued", `Delivery #${id} to ${form.values.to.trim()}.`);
      await queryClient.invalidateQueries({ queryKey: ["outbox"] });
    },
    onError: (e) => form.applyApiError(e, "Couldn't queue the test email."),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setQueued(null);
    if (form.validate()) mutation.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-start" gap="sm" mt="xs">
        <TextInput label="Send test email to" type="email" w={320} disabled={!configured} {...form.text("to")} />
        <Stack gap={0}>
          {/* Same height as the input's label, so the button lines up with the input. */}
          <Input.Label aria-hidden="true" style={{ visibility: "hidden" }}>
            Send
          </Input.Label>
          <Button type="submit" loading={mutation.isPending} disabled={!configured}>
            Send test email
          </Button>
        </Stack>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {configured ? `Sent from ${from} through the outbox, like any other email.` : "Configure SMTP first."}
      </Text>
      {form.formError ? (
        <Text size="sm" c="red" role="alert" mt="xs">
          {form.formError}
        </Text>
      ) : null}
      {queued ? (
        <Text size="sm" mt="xs" role="status">
          Queued as delivery #{queued.id} to {queued.to}.{" "}
          <AnchorLink to="/outbox" search={{ item: queued.id }}>
            Track its delivery
          </AnchorLink>
        </Text>
      ) : null}
    </form>
  );
}
