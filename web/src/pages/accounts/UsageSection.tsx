import { Anchor, Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { DataTable } from "@/platform/ui/DataTable";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { StatusPill } from "@/platform/ui/StatusPill";
import { tones } from "@/theme";
import { kindLabel } from "@/pages/instances/api";
import { accountRoles, type AccountDetail } from "@/pages/accounts/api";
import { formatInt, formatShare } from "@/pages/accounts/format";
import { MapInstanceDialog } from "@/pages/accounts/MapInstanceDialog";
import { useAccountsPack } from "@/pages/accounts/pack";

interface TargetRow {
  measure: string;
  value: number | null;
  target: number;
  /** When the target applies (L2 end of onboarding, L3 adoption). */
  when: string;
}

/** Usage over the account's instances (the last lifecycle evaluation) against the pack's targets, and the instances. */
export function UsageSection({ account }: { account: AccountDetail }) {
  const session = useSession();
  const pack = useAccountsPack();
  const [mapping, setMapping] = useState(false);
  const u = account.usage;
  const lc = pack.data?.lifecycle;
  const targets: TargetRow[] = lc
    ? [
        { measure: "MAU / seats", value: u?.mauPerSeat ?? null, target: lc.onboardingMauPerSeatTarget, when: `by the end of onboarding (${lc.onboardingDays} days)` },
        { measure: "MAU / seats", value: u?.mauPerSeat ?? null, target: lc.adoptingMauPerSeatTarget, when: "to reach nurturing" },
        { measure: "DAU / MAU", value: u?.dauPerMau ?? null, target: lc.adoptingDauPerMauTarget, when: "to reach nurturing" },
      ]
    : [];
  const canMap = accountRoles.mapInstance.has(session?.user.role ?? "");

  return (
    <Section
      title="Usage"
      actions={
        canMap ? (
          <Button size="xs" variant="light" onClick={() => setMapping(true)}>
            Map instance
          </Button>
        ) : undefined
      }
    >
      <Stack gap="sm">
        {u ? (
          <Group gap="xl" wrap="wrap" role="group" aria-label="Usage summary">
            <Metric label="MAU" value={formatInt(u.mau)} />
            <Metric label="DAU (average)" value={formatInt(u.dauAvg)} />
            <Metric label="Seats" value={formatInt(account.seats)} />
            <Metric label="MAU / seats" value={formatShare(u.mauPerSeat)} />
            <Metric label="DAU / MAU" value={formatShare(u.dauPerMau)} />
            <Text size="xs" c="dimmed">
              as of <RelativeTime value={u.at} />
            </Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed" role="status">
            No usage yet. {account.instances.length ? "The daily lifecycle evaluation adds it for accounts in the book." : "Map the customer's instance: its telemetry then counts here."}
          </Text>
        )}
        {u && targets.length ? (
          <DataTable label="Usage against targets" columns={["Measure", "Now", "Target", "When", "Status"]} numeric={["Now", "Target"]} minWidth={560}>
            {targets.map((t) => {
              const met = t.value !== null && t.value >= t.target;
              return (
                <Table.Tr key={`${t.measure}-${t.target}-${t.when}`}>
                  <Table.Td>{t.measure}</Table.Td>
                  <Table.Td ta="right">{formatShare(t.value)}</Table.Td>
                  <Table.Td ta="right">{formatShare(t.target)}</Table.Td>
                  <Table.Td>{t.when}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={t.value === null ? tones.neutral : met ? tones.success : tones.warning} style={{ textTransform: "none" }}>
                      {t.value === null ? "No data" : met ? "Met" : "Below"}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
        ) : null}
        {account.instances.length ? (
          <DataTable label="Instances" columns={["Instance", "Kind", "Status", "Seats", "URL"]} numeric={["Seats"]} minWidth={560}>
            {account.instances.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <AnchorLink to="/instances/$instanceId" params={{ instanceId: i.id }} size="sm" fw={500}>
                    {i.name}
                  </AnchorLink>{" "}
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {i.slug}
                  </Text>
                </Table.Td>
                <Table.Td>{kindLabel(i.kind)}</Table.Td>
                <Table.Td>
                  <StatusPill domain="instance" status={i.status} />
                </Table.Td>
                <Table.Td ta="right">{formatInt(i.seats)}</Table.Td>
                <Table.Td className="trellis-break">
                  {i.url ? (
                    <Anchor href={i.url} target="_blank" rel="noreferrer" size="sm">
                      {i.url}
                    </Anchor>
                  ) : (
                    "—"
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        ) : (
          <Text size="sm" c="dimmed">
            No instances mapped to this account.{canMap ? " Use Map instance to link the customer's deployment." : ""}
          </Text>
        )}
      </Stack>
      {mapping ? <MapInstanceDialog account={account} onClose={() => setMapping(false)} /> : null}
    </Section>
  );
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
        {value}
      </Text>
    </Stack>
  );
}
