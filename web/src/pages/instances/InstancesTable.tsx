import { Table, Text } from "@mantine/core";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ListTable } from "@/platform/ui/DataTable";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Sparkline } from "@/platform/ui/Sparkline";
import { kindLabel, type InstanceSummary } from "@/pages/instances/api";
import { formatCount, formatPercent } from "@/pages/instances/health";
import { UsageFlags, VersionInfo } from "@/pages/instances/InstanceBadges";

export const INSTANCE_COLUMNS = ["Instance", "Kind", "Company", "Seats", "Users", "MAU", "MAU/seat", "Version", "Flags", "Last activity", "DAU, 30 days"];
const NUMERIC = ["Seats", "Users", "MAU", "MAU/seat"];

interface InstancesTableProps {
  items: InstanceSummary[];
  onOpen: (id: string) => void;
  /** Previous results shown while a new filter loads. */
  dimmed: boolean;
}

/** Dense list; row click, Enter (after j/k) or the name opens the instance. */
export function InstancesTable({ items, onOpen, dimmed }: InstancesTableProps) {
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const item = items[index];
    if (item) onOpen(item.id);
  });

  return (
    <ListTable label="Instances" minWidth={1180} columns={INSTANCE_COLUMNS} numeric={NUMERIC} dimmed={dimmed}>
      {items.map((item, index) => {
        const m = item.metrics;
        return (
          <Table.Tr key={item.id} {...getRowProps(index)}>
            <Table.Td maw={260}>
              <AnchorLink to="/instances/$instanceId" params={{ instanceId: item.id }} size="sm" fw={500} className="trellis-break">
                {item.name}
              </AnchorLink>
              <Text size="xs" c="dimmed" ff="monospace" className="trellis-break">
                {item.slug}
              </Text>
            </Table.Td>
            <Table.Td>{kindLabel(item.kind)}</Table.Td>
            <Table.Td className="trellis-break" maw={200}>
              {item.company ?? (
                <Text c="dimmed" size="sm" span>
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right">{formatCount(item.seats)}</Table.Td>
            <Table.Td ta="right">{formatCount(m.totalUsers)}</Table.Td>
            <Table.Td ta="right">{formatCount(m.mau)}</Table.Td>
            <Table.Td ta="right">{formatPercent(m.mauPerSeat)}</Table.Td>
            <Table.Td>
              <VersionInfo metrics={m} />
            </Table.Td>
            <Table.Td>
              <UsageFlags metrics={m} status={item.status} />
            </Table.Td>
            <Table.Td>
              <RelativeTime value={m.lastActivityAt} empty="Never" size="sm" />
            </Table.Td>
            <Table.Td>
              <Sparkline values={item.sparkline} label={`Daily active users of ${item.name}, last 30 days`} />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
