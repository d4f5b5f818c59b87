import type { WebhookEndpoint } from "@/pages/settings/integrations/api";
import { Notice } from "@/platform/ui/Notice";
import { OneTimeSecretModal } from "@/platform/ui/OneTimeSecretModal";

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
    <OneTimeSecretModal
      title={reason === "created" ? `Webhook ${endpoint.name} added` : `New signing secret for ${endpoint.name}`}
      label="Signing secret"
      description={`For ${endpoint.url}`}
      secret={secret}
      copyLabel="Copy secret"
      doneLabel="I've stored the secret"
      onClose={onClose}
      warning={
        <>
          Trellis shows it only once. Store it in the receiving system to verify each event's webhook-signature header. If you
          lose it, rotate the secret to get a new one.
        </>
      }
    >
      {warnings.map((w) => (
        <Notice key={w} tone="warning" variant="outline" heading="Check this URL" announce="status">
          {w}
        </Notice>
      ))}
    </OneTimeSecretModal>
  );
}
