import { Button, Group, Text } from "@mantine/core";
import { describeError } from "@/platform/api";
import { Notice } from "@/platform/ui/Notice";

interface ErrorStateProps {
  error: unknown;
  /** What was being done, as a verb phrase: "load the outbox". */
  what: string;
  onRetry?: () => void;
  retrying?: boolean;
}

/** What failed, why (the server's message) and what to do, with a retry. */
export function ErrorState({ error, what, onRetry, retrying }: ErrorStateProps) {
  const { title, message, hint } = describeError(error, what);
  return (
    <Notice heading={title} my="md">
      <Text size="sm">{message}</Text>
      <Text size="sm" c="dimmed" mt={4}>
        {hint}
      </Text>
      {onRetry ? (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={onRetry} loading={retrying ?? false}>
            Retry
          </Button>
        </Group>
      ) : null}
    </Notice>
  );
}
