import { Badge, Table, Text } from "@mantine/core";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { useRowNavigation } from "@/platform/keyboard";
import { OUTBOX_IN_FLIGHT, type OutboxStatus } from "@/platform/status-colors";
import { ListTable } from "@/platform/ui/DataTable";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { OutboxId, OutboxItem } from "@/pages/outbox/api";
import { channelLabel, type OutboxSearch } from "@/pages/outbox/search";
import { tones } from "@/theme";

export const OUTBOX_COLUMNS = ["ID", "Channel", "Summary", "Status", "Attempts", "Next attempt", "Last error", "Created"];

interface OutboxTableProps {
  items: OutboxItem[];
  onOpen: (id: OutboxId) => void;
  openId: string | undefined;
  /** Previous results shown while a new filter loads. */
  dimmed: boolean;
}

/** Dense list of deliveries. Row click, Enter, or the ID link opens the detail drawer. */
export function OutboxTable({ items, onOpen, openId, dimmed }: OutboxTableProps) {
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const item = items[index];
    if (item) onOpen(item.id);
  });

  return (
    <ListTable label="Outbox deliveries" minWidth={960} columns={OUTBOX_COLUMNS} dimmed={dimmed}>
      {items.map((item, index) => {
        const id = String(item.id);
        const exhausted = item.attempts >= item.maxAttempts && item.status !== "delivered";
        const waiting = OUTBOX_IN_FLIGHT.has(item.status as OutboxStatus) && item.status !== "sending";
        return (
          <Table.Tr key={id} {...getRowProps(index)} aria-current={openId === id ? "true" : undefined}>
            <Table.Td className="trellis-nowrap">
              <AnchorLink
                from="/outbox"
                to="/outbox"
                search={(prev: OutboxSearch) => ({ ...prev, item: id })}
                size="sm"
                ff="monospace"
                aria-label={`Open delivery #${id}`}
              >
                #{id}
              </AnchorLink>
            </Table.Td>
            <Table.Td>
              <Badge variant="default" size="sm" style={{ textTransform: "none" }}>
                {channelLabel(item.channel)}
              </Badge>
            </Table.Td>
            <Table.Td className="trellis-break" maw={360}>
              <Text size="sm" lineClamp={2}>
                {item.summary || "—"}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusPill domain="outbox" status={item.status} />
            </Table.Td>
            <Table.Td className="trellis-nowrap">
              <Text size="sm" c={exhausted ? tones.danger : undefined}>
                {item.attempts}/{item.maxAttempts}
              </Text>
            </Table.Td>
            <Table.Td>{waiting ? <RelativeTime value={item.nextAttemptAt} size="sm" /> : <Text c="dimmed" size="sm">—</Text>}</Table.Td>
            <Table.Td className="trellis-break" maw={280}>
              {item.lastError ? (
                <Text size="xs" c={tones.danger} lineClamp={2} title={item.lastError}>
                  {item.lastError}
                </Text>
              ) : (
                <Text c="dimmed" size="sm">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <RelativeTime value={item.createdAt} size="sm" />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
