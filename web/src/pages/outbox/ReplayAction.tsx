import { Button, Text, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { notifySuccess } from "@/platform/ui/notify";
import { statusStyle } from "@/platform/status-colors";
import { applyReplayedItem, channelNoun, describeRecipient, outboxKeys, replayOutboxItem, type OutboxDetail } from "@/pages/outbox/api";
import { integrationsQuery } from "@/pages/settings/integrations/api";

/** Admin action on a dead or cancelled delivery: confirm, queue it again, show the new state. */
export function ReplayAction({ detail }: { detail: OutboxDetail }) {
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState("");
  const id = String(detail.id);
  const integrations = useQuery({ ...integrationsQuery, enabled: detail.channel === "webhook" });

  const webhookName = (endpointId: string): string | null => {
    const endpoint = integrations.data?.webhooks.find((w) => w.id === endpointId);
    return endpoint ? `${endpoint.name} (${endpoint.url})` : null;
  };
  const noun = channelNoun(detail.channel);
  const recipient = describeRecipient(detail, webhookName);

  const mutation = useMutation({
    mutationFn: () => replayOutboxItem(id, reason),
    onSuccess: async (item) => {
      applyReplayedItem(queryClient, item);
      setOpened(false);
      setReason("");
      notifySuccess("Replay queued", `Delivery #${id} is ${statusStyle("outbox", item.status).label.toLowerCase()} again; the workers deliver it shortly.`);
      await queryClient.invalidateQueries({ queryKey: outboxKeys.all });
    },
  });

  return (
    <>
      <div>
        <Button size="xs" onClick={() => setOpened(true)}>
          Replay
        </Button>
      </div>
      <ConfirmDialog
        opened={opened}
        onClose={() => {
          setOpened(false);
          mutation.reset();
        }}
        title={`Replay delivery #${id}?`}
        confirmLabel="Replay delivery"
        onConfirm={() => mutation.mutate()}
        pending={mutation.isPending}
        error={mutation.error}
        extra={
          <Textarea
            label="Reason (optional)"
            description="Recorded in the audit log, e.g. “receiver fixed”."
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={1}
          />
        }
      >
        <Text size="sm" fw={500}>
          Deliver this {noun} again to {recipient}?
        </Text>
        <Text size="sm" mt="xs">
          Trellis puts it back in the queue with the same content and the workers send it within seconds, retrying as usual if
          it fails. If an earlier attempt did arrive, the recipient gets it twice.
        </Text>
      </ConfirmDialog>
    </>
  );
}
