import { Badge, Code, Group, Table, Text } from "@mantine/core";
import { DataTable } from "@/platform/ui/DataTable";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { formatUsers, type CheckedLicense } from "@/pages/licenses/api";
import { CopyKeyButton } from "@/pages/licenses/CopyKeyButton";
import { ExpiryBadge } from "@/pages/licenses/ExpiryBadge";
import { TagList } from "@/pages/licenses/TagList";
import { tones } from "@/theme";

const COLUMNS = ["Issued", "Licensee", "Users", "Tags", "Expiry", "Key", "Check"];

/** The check the server ran on the key: green when genuine and current; expired keys still have a valid signature. */
function VerifyStatus({ license }: { license: CheckedLicense }) {
  const v = license.verification;
  const [label, tone] = v.valid ? ["Valid", tones.success] : v.reason === "expired" ? ["Signature valid, expired", tones.neutral] : ["Not valid", tones.danger];
  return (
    <Badge color={tone} variant="light" radius="sm" title={v.message} style={{ textTransform: "none" }}>
      {label}
    </Badge>
  );
}

/** Every license of a subscription, newest first: the append-only history. */
export function LicenseHistory({ licenses, label }: { licenses: CheckedLicense[]; label: string }) {
  return (
    <DataTable label={label} minWidth={980} columns={COLUMNS} numeric={["Users"]} nowrap>
      {licenses.map((l, i) => (
        <Table.Tr key={l.id}>
          <Table.Td>
            <RelativeTime value={l.createdAt} size="sm" />
            <Text size="xs" c="dimmed" className="trellis-break" title={l.createdBy}>
              {i === 0 ? "Current · " : ""}by {l.createdBy}
            </Text>
          </Table.Td>
          <Table.Td className="trellis-break" maw={200}>
            {l.licensee}
          </Table.Td>
          <Table.Td ta="right">{formatUsers(l.userCount)}</Table.Td>
          <Table.Td maw={300}>
            <TagList tags={l.tags} />
          </Table.Td>
          <Table.Td>
            <ExpiryBadge license={l} />
          </Table.Td>
          <Table.Td>
            <Group gap={6} wrap="nowrap">
              <Code title={`Signed with key ${l.keyId}`}>{l.licenseKey.slice(0, 12)}…</Code>
              <CopyKeyButton licenseKey={l.licenseKey} label={`Copy key of license issued ${l.createdAt.slice(0, 10)}`} />
            </Group>
          </Table.Td>
          <Table.Td>
            <VerifyStatus license={l} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
