import { Table, Text } from "@mantine/core";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ListTable } from "@/platform/ui/DataTable";
import { formatUsers, kindLabel, type SubscriptionSummary } from "@/pages/licenses/api";
import { ExpiryBadge } from "@/pages/licenses/ExpiryBadge";
import { TagList } from "@/pages/licenses/TagList";

export const SUBSCRIPTION_COLUMNS = ["Subscription", "Kind", "Instance", "Licensee", "Users", "Tags", "Expiry"];

interface SubscriptionsTableProps {
  items: SubscriptionSummary[];
  onOpen: (id: string) => void;
  /** Previous results shown while a new filter loads. */
  dimmed?: boolean;
  label?: string;
  /** The instance column is noise on an instance's own page. */
  hideInstance?: boolean;
}

const dash = (
  <Text c="dimmed" size="sm" span>
    —
  </Text>
);

/** Dense list of subscriptions with their latest license; row click, Enter (after j/k) or the name opens one. */
export function SubscriptionsTable({ items, onOpen, dimmed = false, label = "Subscriptions", hideInstance = false }: SubscriptionsTableProps) {
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const item = items[index];
    if (item) onOpen(item.id);
  });
  const columns = hideInstance ? SUBSCRIPTION_COLUMNS.filter((c) => c !== "Instance") : SUBSCRIPTION_COLUMNS;

  return (
    <ListTable label={label} minWidth={hideInstance ? 760 : 960} columns={columns} numeric={["Users"]} dimmed={dimmed}>
      {items.map((item, index) => {
        const l = item.latest;
        return (
          <Table.Tr key={item.id} {...getRowProps(index)}>
            <Table.Td maw={260}>
              <AnchorLink to="/licenses/$subscriptionId" params={{ subscriptionId: item.id }} size="sm" fw={500} className="trellis-break">
                {item.name}
              </AnchorLink>
              {item.crmAccountId ? (
                <Text size="xs" c="dimmed" ff="monospace" className="trellis-break">
                  CRM {item.crmAccountId}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{kindLabel(item.kind)}</Table.Td>
            {hideInstance ? null : (
              <Table.Td>
                {item.instance ? (
                  <AnchorLink to="/instances/$instanceId" params={{ instanceId: item.instance.id }} size="sm" ff="monospace">
                    {item.instance.slug}
                  </AnchorLink>
                ) : (
                  dash
                )}
              </Table.Td>
            )}
            <Table.Td className="trellis-break" maw={200}>
              {l ? l.licensee : dash}
            </Table.Td>
            <Table.Td ta="right">{l ? formatUsers(l.userCount) : dash}</Table.Td>
            <Table.Td maw={320}>{l ? <TagList tags={l.tags} max={4} /> : dash}</Table.Td>
            <Table.Td>{l ? <ExpiryBadge license={l} /> : <Text size="sm" c="dimmed" span>No license</Text>}</Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
