import { Anchor, Button, Code, Group, Modal, Stack, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { JsonBlock } from "@/platform/ui/JsonBlock";
import { Notice } from "@/platform/ui/Notice";
import { verifyLicenseKey } from "@/pages/licenses/api";
import { typography } from "@/theme";

const REASONS: Record<string, string> = {
  malformed: "Malformed",
  unknown_key: "Unknown key id",
  bad_signature: "Bad signature (tampered)",
  expired: "Expired",
};

/** Paste any license key: is it genuine, is it current, what does it grant? */
export function VerifyKeyModal({ onClose }: { onClose: () => void }) {
  const [key, setKey] = useState("");
  const check = useMutation({ mutationFn: () => verifyLicenseKey(key.trim()) });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (key.trim()) check.mutate();
  };
  const r = check.data;
  return (
    <Modal opened onClose={onClose} title="Verify a license key" size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Textarea
            label="License key"
            description="Checked against this Trellis's public keys; anyone can do the same offline with them."
            autosize
            minRows={3}
            maxRows={8}
            styles={{ input: { fontFamily: typography.monoFontFamily } }}
            value={key}
            onChange={(e) => {
              setKey(e.currentTarget.value);
              check.reset();
            }}
            error={check.isError ? check.error.message : undefined}
            data-autofocus
          />
          {r ? (
            <Notice tone={r.valid ? "success" : r.reason === "expired" ? "warning" : "danger"} heading={r.valid ? "Valid" : REASONS[r.reason ?? ""] ?? "Not valid"} announce="status">
              {r.message}
            </Notice>
          ) : null}
          {r?.payload ? <JsonBlock value={r.payload} label="Payload" /> : null}
          <Group justify="space-between">
            <Anchor href="/api/v1/license-keys" target="_blank" size="xs">
              Public keys (<Code>GET /api/v1/license-keys</Code>)
            </Anchor>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" loading={check.isPending} disabled={!key.trim()}>
                Verify
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
