import { Anchor, Button, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Notice } from "@/platform/ui/Notice";
import { describeError } from "@/platform/api";
import type { ExistingInstance } from "@/pages/leads/api";
import { requestAccess, type SignupAnswer } from "@/pages/signup/api";

const HEADINGS: Record<string, string> = {
  preparing: "We're preparing your instance",
  received: "Request received",
  accepted: "Request received",
  high_demand: "We can't start a trial right now",
  existing_instance: "Your company already has an instance",
};

/** The honest answer: what happens next, or where the company's instance already is (T3). */
export function SignupResult({ answer }: { answer: SignupAnswer }) {
  return (
    <Stack gap="md" role="status" aria-live="polite">
      <Title order={2} size="h3">
        {HEADINGS[answer.outcome] ?? "Thanks"}
      </Title>
      <Text>{answer.message}</Text>
      {answer.duplicate ? (
        <Text size="sm" c="dimmed">
          You had already asked recently: this is that request, not a new one.
        </Text>
      ) : null}
      {answer.outcome === "existing_instance" && answer.requestId ? <ExistingInstances answer={answer} requestId={answer.requestId} /> : null}
    </Stack>
  );
}

function ExistingInstances({ answer, requestId }: { answer: SignupAnswer; requestId: string }) {
  const [message, setMessage] = useState("");
  const needsRequest = answer.instances.some((i) => !i.ssoEnabled);
  return (
    <Stack gap="sm">
      {needsRequest ? (
        <Textarea
          label="Message to the instance admin (optional)"
          description="Sent with your access request."
          autosize
          minRows={2}
          maxLength={2000}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
        />
      ) : null}
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label="Your company's instances">
        {answer.instances.map((i) => (
          <InstanceRow key={i.id} instance={i} requestId={requestId} message={message} />
        ))}
      </Stack>
    </Stack>
  );
}

function InstanceRow({ instance, requestId, message }: { instance: ExistingInstance; requestId: string; message: string }) {
  const ask = useMutation({
    mutationFn: () => requestAccess({ requestId, instanceId: instance.id, ...(message.trim() ? { message: message.trim() } : {}) }),
  });
  const failure = ask.isError ? describeError(ask.error, "request access") : null;
  return (
    <li>
      <Group gap="sm" wrap="wrap">
        <Text fw={500}>{instance.name}</Text>
        {instance.url ? (
          <Anchor href={instance.url} target="_blank" rel="noreferrer" size="sm">
            {instance.url}
          </Anchor>
        ) : null}
        {instance.ssoEnabled && instance.url ? (
          <Button component="a" href={instance.url} size="xs" variant="light">
            Sign in with SSO
          </Button>
        ) : ask.isSuccess ? (
          <Text size="sm" role="status">
            We asked the admin of {instance.name} to give you access; you'll hear from them by email.
          </Text>
        ) : (
          <Button size="xs" loading={ask.isPending} onClick={() => ask.mutate()} aria-label={`Request access to ${instance.name}`}>
            Request access
          </Button>
        )}
      </Group>
      {failure ? (
        <Notice heading={failure.title} mt="xs">
          {failure.message} {failure.hint}
        </Notice>
      ) : null}
    </li>
  );
}
