import { Table, Text } from "@mantine/core";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { DataTable } from "@/platform/ui/DataTable";
import { SlaClock } from "@/platform/ui/SlaClock";
import { StatusPill } from "@/platform/ui/StatusPill";
import { formatUtc } from "@/platform/time";
import type { OngoingTrial } from "@/pages/reports/api";
import { TrialUsageFlags } from "@/pages/reports/UsageFlags";

export const ONGOING_COLUMNS = ["Trial", "State", "Owner", "Age", "Days left", "Provisioning SLA", "Users", "MAU", "Flags"];
const NUMERIC = ["Age", "Days left", "Users", "MAU"];
const count = new Intl.NumberFormat("en");

const dash = (
  <Text span c="dimmed" size="sm">
    —
  </Text>
);

function daysLeft(t: OngoingTrial) {
  if (t.daysLeft === null || !t.endsAt) return dash;
  const text = t.daysLeft < 0 ? `${-t.daysLeft} over` : String(t.daysLeft);
  return (
    <Text span size="sm" title={`Ends ${formatUtc(t.endsAt)}`} c={t.daysLeft <= 0 ? "red" : undefined}>
      {text}
    </Text>
  );
}

/** Trials holding an instance slot, with the SLA clock from signup to a ready instance (X). */
export function OngoingTrialsTable({ items }: { items: OngoingTrial[] }) {
  return (
    <DataTable label="Ongoing trials" minWidth={980} columns={ONGOING_COLUMNS} numeric={NUMERIC} nowrap highlightOnHover verticalSpacing={6}>
      {items.map((t) => (
        <Table.Tr key={t.id}>
          <Table.Td maw={260}>
            <AnchorLink to="/trials/$trialId" params={{ trialId: t.id }} size="sm" fw={500} className="trellis-break">
              {t.company}
            </AnchorLink>
            <Text size="xs" c="dimmed" ff="monospace">
              {t.instanceId ? (
                <AnchorLink to="/instances/$instanceId" params={{ instanceId: t.instanceId }} inherit c="dimmed">
                  {t.slug}
                </AnchorLink>
              ) : (
                t.slug
              )}
            </Text>
          </Table.Td>
          <Table.Td>
            <StatusPill domain="trial" status={t.state} />
          </Table.Td>
          <Table.Td>{t.owner ? t.owner.name : <Text span c="dimmed" size="sm">Unassigned</Text>}</Table.Td>
          <Table.Td ta="right" title={`Signed up ${formatUtc(t.signedUpAt)}`}>
            {t.ageDays}d
          </Table.Td>
          <Table.Td ta="right">{daysLeft(t)}</Table.Td>
          <Table.Td>
            {t.provisioningSla ? (
              <SlaClock what="Provisioning SLA" state={t.provisioningSla.state} workingMsLeft={t.provisioningSla.workingMsLeft} dueAt={t.provisioningSla.dueAt} />
            ) : (
              dash
            )}
          </Table.Td>
          <Table.Td ta="right">{t.usage ? count.format(t.usage.users) : dash}</Table.Td>
          <Table.Td ta="right">{t.usage ? count.format(t.usage.mau) : dash}</Table.Td>
          <Table.Td>{t.usage ? <TrialUsageFlags usage={t.usage} /> : dash}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
