import { Button, CopyButton, Group, Modal, Stack, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { Notice } from "@/platform/ui/Notice";
import { tones } from "@/theme";

interface OneTimeSecretModalProps {
  title: string;
  /** Names the field: "Signing secret", "Ingestion token". */
  label: string;
  /** Under the field: where the secret is used. */
  description?: ReactNode;
  secret: string;
  /** Why it must be copied now, and what to do if it is lost. */
  warning: ReactNode;
  /** "Copy secret", "Copy token". */
  copyLabel: string;
  /** "I've stored the secret". */
  doneLabel: string;
  onClose: () => void;
  /** Extra notes under the warning (e.g. URL warnings). */
  children?: ReactNode;
}

/** Shows a secret exactly once, read-only with a copy button; a stray click outside does not dismiss it. */
export function OneTimeSecretModal({ title, label, description, secret, warning, copyLabel, doneLabel, onClose, children }: OneTimeSecretModalProps) {
  return (
    <Modal opened onClose={onClose} title={title} closeOnClickOutside={false} size="lg">
      <Stack gap="md">
        <Notice tone="warning" heading="Copy this now: it will not be shown again">
          {warning}
        </Notice>
        {children}
        <TextInput
          label={label}
          description={description}
          value={secret}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        />
        <Group justify="space-between">
          <CopyButton value={secret} timeout={3000}>
            {({ copied, copy }) => (
              <Button variant={copied ? "light" : "filled"} color={copied ? tones.success : undefined} onClick={copy}>
                {copied ? "Copied" : copyLabel}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onClose}>
            {doneLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
