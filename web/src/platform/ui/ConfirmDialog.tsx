import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { describeError } from "@/platform/api";
import { tones } from "@/theme";
import { Notice } from "@/platform/ui/Notice";

interface ConfirmDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** Exactly what will happen, in plain words. */
  children: ReactNode;
  /** The verb on the button: "Deactivate", "Replay delivery". */
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  error?: unknown;
  /** "danger" for destructive actions, "primary" for outward ones. */
  intent?: "danger" | "primary";
  /** Extra content between the explanation and the buttons (e.g. inputs). */
  extra?: ReactNode;
  confirmDisabled?: boolean;
}

/** Confirms destructive or outward actions and says exactly what will happen. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { opened, onClose, title, children, confirmLabel, onConfirm, pending, error, intent = "primary", extra, confirmDisabled } = props;
  const failure = error ? describeError(error, confirmLabel.toLowerCase()) : null;
  return (
    <Modal opened={opened} onClose={pending ? () => undefined : onClose} title={title} size="md">
      <Stack gap="md">
        <Text size="sm" component="div">
          {children}
        </Text>
        {extra}
        {failure ? (
          <Notice heading={failure.title}>
            {failure.message} {failure.hint}
          </Notice>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button
            color={intent === "danger" ? tones.danger : undefined}
            onClick={onConfirm}
            loading={pending}
            disabled={confirmDisabled ?? false}
            data-autofocus
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
