import { Button, CopyButton } from "@mantine/core";

/** Copies a license key (not secret: it is signed, not encrypted). `label` names it for assistive tech. */
export function CopyKeyButton({ licenseKey, label = "Copy key" }: { licenseKey: string; label?: string }) {
  return (
    <CopyButton value={licenseKey} timeout={3000}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant={copied ? "light" : "default"} color={copied ? "teal" : undefined} onClick={copy} aria-label={copied ? "Key copied" : label}>
          {copied ? "Copied" : "Copy key"}
        </Button>
      )}
    </CopyButton>
  );
}
