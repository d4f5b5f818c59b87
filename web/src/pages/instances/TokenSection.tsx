import { Button, Code, Group, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/platform/ui/ConfirmDialog";
import { Facts } from "@/platform/ui/Facts";
import { notifySuccess } from "@/platform/ui/notify";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { applyInstanceChange, ingestUrl, revokeIngestToken, rotateIngestToken, type InstanceSummary } from "@/pages/instances/api";
import { IngestTokenModal } from "@/pages/instances/IngestTokenModal";

type Dialog = { kind: "rotate" } | { kind: "revoke" } | { kind: "token"; token: string } | null;

/** Where the instance sends telemetry and its ingestion token: prefix, last rotation, rotate and revoke. */
export function TokenSection({ instance, canManage }: { instance: InstanceSummary; canManage: boolean }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const hasToken = instance.tokenPrefix !== null;
  const terminated = instance.status === "terminated";

  return (
    <Section
      title="Telemetry"
      actions={
        canManage ? (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setDialog({ kind: "rotate" })} disabled={terminated}>
              {hasToken ? "Rotate token" : "Issue token"}
            </Button>
            {hasToken ? (
              <Button size="xs" variant="subtle" color="red" onClick={() => setDialog({ kind: "revoke" })}>
                Revoke token
              </Button>
            ) : null}
          </Group>
        ) : null
      }
    >
      <Facts
        items={[
          [
            "Ingestion token",
            hasToken ? (
              <span>
                <Code>{instance.tokenPrefix}…</Code>{" "}
                <Text span size="xs" c="dimmed">
                  (prefix only; the full token was shown once)
                </Text>
              </span>
            ) : (
              <Text span size="sm" c="dimmed">
                No active token: telemetry from this instance is refused.{canManage ? " Issue a token to accept it again." : ""}
              </Text>
            ),
          ],
          ["Token issued", <RelativeTime value={instance.tokenRotatedAt} empty="—" />],
          ["Events endpoint", <Code>{ingestUrl("events")}</Code>],
          ["Pings endpoint", <Code>{ingestUrl("pings")}</Code>],
          ["Segment endpoint", <Code>{ingestUrl("segment/batch")}</Code>],
        ]}
      />
      {dialog?.kind === "rotate" ? (
        <RotateDialog instance={instance} onClose={close} onRotated={(token) => setDialog({ kind: "token", token })} />
      ) : null}
      {dialog?.kind === "revoke" ? <RevokeDialog instance={instance} onClose={close} /> : null}
      {dialog?.kind === "token" ? <IngestTokenModal instanceName={instance.name} token={dialog.token} reason="rotated" onClose={close} /> : null}
    </Section>
  );
}

function RotateDialog({ instance, onClose, onRotated }: { instance: InstanceSummary; onClose: () => void; onRotated: (token: string) => void }) {
  const queryClient = useQueryClient();
  const hasToken = instance.tokenPrefix !== null;
  const mutation = useMutation({
    mutationFn: () => rotateIngestToken(instance.id),
    onSuccess: async (result) => {
      notifySuccess(hasToken ? `Token rotated for ${instance.name}` : `Token issued for ${instance.name}`, "Copy it now; it is shown only once.");
      onRotated(result.ingestToken);
      await applyInstanceChange(queryClient, instance.id);
    },
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={hasToken ? `Rotate the ingestion token of ${instance.name}?` : `Issue an ingestion token for ${instance.name}?`}
      confirmLabel={hasToken ? "Rotate now" : "Issue now"}
      intent={hasToken ? "danger" : "primary"}
      onConfirm={() => mutation.mutate()}
      pending={mutation.isPending}
      error={mutation.error}
    >
      {hasToken ? (
        <>
          Trellis issues a new token and the current one (<Code>{instance.tokenPrefix}…</Code>) stops working at once: telemetry
          the instance sends with it is refused until its settings hold the new token. The new token is shown once, on the next
          screen.
        </>
      ) : (
        <>Trellis issues a token this instance's telemetry must carry. It is shown once, on the next screen.</>
      )}
    </ConfirmDialog>
  );
}

function RevokeDialog({ instance, onClose }: { instance: InstanceSummary; onClose: () => void }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => revokeIngestToken(instance.id),
    onSuccess: async () => {
      onClose();
      notifySuccess(`Token revoked for ${instance.name}`, "Its telemetry is refused until a new token is issued.");
      await applyInstanceChange(queryClient, instance.id);
    },
  });
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={`Revoke the ingestion token of ${instance.name}?`}
      confirmLabel="Revoke now"
      intent="danger"
      onConfirm={() => mutation.mutate()}
      pending={mutation.isPending}
      error={mutation.error}
    >
      The token <Code>{instance.tokenPrefix}…</Code> stops working at once and Trellis refuses this instance's telemetry until
      someone issues a new token. Usage already received is kept.
    </ConfirmDialog>
  );
}
