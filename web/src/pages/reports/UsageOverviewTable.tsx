import { Table, Text } from "@mantine/core";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { DataTable } from "@/platform/ui/DataTable";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Sparkline } from "@/platform/ui/Sparkline";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { TrialInstanceUsage } from "@/pages/reports/api";
import { TrialUsageFlags } from "@/pages/reports/UsageFlags";

export const USAGE_COLUMNS = ["Instance", "Company", "Trial", "Users", "MAU", "DAU (4-week avg)", "Code host", "Flags", "Last activity", "DAU, 30 days"];
const NUMERIC = ["Users", "MAU", "DAU (4-week avg)"];
const count = new Intl.NumberFormat("en");
const avg = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** T12 per-instance usage overview of the active trial instances. */
export function UsageOverviewTable({ items }: { items: TrialInstanceUsage[] }) {
  return (
    <DataTable label="Trial instance usage" minWidth={1080} columns={USAGE_COLUMNS} numeric={NUMERIC} nowrap highlightOnHover verticalSpacing={6}>
      {items.map((i) => (
        <Table.Tr key={i.id}>
          <Table.Td maw={240}>
            <AnchorLink to="/instances/$instanceId" params={{ instanceId: i.id }} size="sm" fw={500} className="trellis-break">
              {i.name}
            </AnchorLink>
            <Text size="xs" c="dimmed" ff="monospace">
              {i.slug}
            </Text>
          </Table.Td>
          <Table.Td className="trellis-break" maw={200}>
            {i.company ?? i.trial?.company ?? (
              <Text span c="dimmed" size="sm">
                —
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            {i.trial ? (
              <StatusPill domain="trial" status={i.trial.state} />
            ) : (
              <Text span c="dimmed" size="sm" title="Registered by hand, not provisioned through a Trellis trial.">
                None
              </Text>
            )}
          </Table.Td>
          <Table.Td ta="right">{count.format(i.usage.users)}</Table.Td>
          <Table.Td ta="right">{count.format(i.usage.mau)}</Table.Td>
          <Table.Td ta="right">{avg.format(i.usage.dau4wAvg)}</Table.Td>
          <Table.Td>{i.usage.codeHostConfigured ? "Yes" : "No"}</Table.Td>
          <Table.Td>
            <TrialUsageFlags usage={i.usage} />
          </Table.Td>
          <Table.Td>
            <RelativeTime value={i.usage.lastActivityAt} empty="Never" size="sm" />
          </Table.Td>
          <Table.Td>
            <Sparkline values={i.usage.sparkline} label={`Daily active users of ${i.name}, last 30 days`} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
