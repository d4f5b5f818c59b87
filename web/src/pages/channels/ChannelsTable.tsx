import { Badge, Table, Text } from "@mantine/core";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ListTable } from "@/platform/ui/DataTable";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { kindLabel, type ChannelSummary } from "@/pages/channels/api";
import { RecordLink } from "@/pages/channels/RecordLink";
import { SlackMirrorPill } from "@/pages/channels/SlackMirrorPill";

export const CHANNEL_COLUMNS = ["Channel", "Kind", "Members", "Last message", "Linked record", "Slack"];

interface ChannelsTableProps {
  items: ChannelSummary[];
  onOpen: (id: string) => void;
  dimmed: boolean;
}

/** Dense list of channels; row click, Enter (after j/k) or the name opens the channel. */
export function ChannelsTable({ items, onOpen, dimmed }: ChannelsTableProps) {
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const item = items[index];
    if (item) onOpen(item.id);
  });
  return (
    <ListTable label="Channels" minWidth={900} columns={CHANNEL_COLUMNS} numeric={["Members"]} dimmed={dimmed}>
      {items.map((item, index) => (
        <Table.Tr key={item.id} {...getRowProps(index)}>
          <Table.Td className="trellis-nowrap">
            <AnchorLink to="/channels/$channelId" params={{ channelId: item.id }} size="sm" fw={500} ff="monospace">
              {item.name}
            </AnchorLink>
          </Table.Td>
          <Table.Td>
            <Badge variant="default" size="sm" style={{ textTransform: "none" }}>
              {kindLabel(item.kind)}
            </Badge>
          </Table.Td>
          <Table.Td ta="right">{item.memberCount}</Table.Td>
          <Table.Td maw={420}>
            {item.lastMessage ? (
              <>
                <Text size="sm" lineClamp={1} title={item.lastMessage.text}>
                  {item.lastMessage.text}
                </Text>
                <Text size="xs" c="dimmed">
                  {item.lastMessage.actorLabel} · <RelativeTime value={item.lastMessage.at} />
                </Text>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                No messages yet
              </Text>
            )}
          </Table.Td>
          <Table.Td className="trellis-nowrap">{item.subject ? <RecordLink subject={item.subject} size="sm" /> : <Text c="dimmed" size="sm">—</Text>}</Table.Td>
          <Table.Td>
            <SlackMirrorPill mirror={item.slack} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
