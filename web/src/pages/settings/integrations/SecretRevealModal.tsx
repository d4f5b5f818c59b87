import { Button, CopyButton, Group, Modal, Stack, TextInput } from "@mantine/core";
import type { WebhookEndpoint } from "@/pages/settings/integrations/api";
import { tones } from "@/theme";
import { Notice } from "@/platform/ui/Notice";

interface SecretRevealModalProps {
  endpoint: WebhookEndpoint;
  secret: string;
  reason: "created" | "rotated";
  warnings: string[];
  onClose: () => void;
}

/** Shows a signing secret exactly once, with a copy button; it cannot be dismissed by a stray click. */
export function SecretRevealModal({ endpoint, secret, reason, warnings, onClose }: SecretRevealModalProps) {
  return (
    <Modal
      opened
      onClose={onClose}
      title={reason === "created" ? `Webhook ${endpoint.name} added` : `New signing secret for ${endpoint.name}`}
      closeOnClickOutside={false}
      size="lg"
    >
      <Stack gap="md">
        <Notice tone="warning" heading="Copy this secret now">
          Trellis shows it only once. Store it in the receiving system to verify each event's webhook-signature header. If you
          lose it, rotate the secret to get a new one.
        </Notice>
        {warnings.map((w) => (
          <Notice key={w} tone="warning" variant="outline" heading="Check this URL" announce="status">
            {w}
          </Notice>
        ))}
        <TextInput
          label="Signing secret"
          description={`For ${endpoint.url}`}
          value={secret}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        />
        <Group justify="space-between">
          <CopyButton value={secret} timeout={3000}>
            {({ copied, copy }) => (
              <Button variant={copied ? "light" : "filled"} color={copied ? tones.success : undefined} onClick={copy}>
                {copied ? "Copied" : "Copy secret"}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onClose}>
            I've stored the secret
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
