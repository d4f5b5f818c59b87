import { Anchor, Group, Table, Text } from "@mantine/core";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ListTable } from "@/platform/ui/DataTable";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { formatArr, formatDay } from "@/pages/accounts/format";
import { HealthBadge } from "@/pages/health/HealthBadge";
import { triggerLabel, type RedAccountItem } from "@/pages/red-accounts/api";
import { tones } from "@/theme";

export const RED_COLUMNS = ["Account", "Why red", "Health now", "Open for", "Action plan", "Team", "ARR", "Renews", "Last comment"];

/** The tracker as a dense table; row click, Enter or the account name opens the tracker. */
export function RedAccountsTable({ items, onOpen, dimmed }: { items: RedAccountItem[]; onOpen: (id: string) => void; dimmed: boolean }) {
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const item = items[index];
    if (item) onOpen(item.id);
  });
  return (
    <ListTable label="Red accounts" columns={RED_COLUMNS} numeric={["ARR"]} minWidth={1100} dimmed={dimmed}>
      {items.map((r, index) => (
        <Table.Tr key={r.id} {...getRowProps(index)}>
          <Table.Td className="trellis-break" maw={220}>
            <Anchor component="button" type="button" size="sm" fw={500} ta="left" onClick={() => onOpen(r.id)}>
              {r.account.name}
            </Anchor>
            {r.resolvedAt ? (
              <Text size="xs" c="dimmed">
                Resolved <RelativeTime value={r.resolvedAt} />
              </Text>
            ) : null}
          </Table.Td>
          <Table.Td maw={320} className="trellis-break">
            <Text size="xs" c="dimmed">
              {triggerLabel(r.trigger)}
              {r.scoreAtOpen !== null ? ` · score ${r.scoreAtOpen}` : ""}
            </Text>
            <Text size="sm" lineClamp={2} title={r.reason}>
              {r.reason}
            </Text>
          </Table.Td>
          <Table.Td>
            <HealthBadge band={r.band} score={r.score} />
          </Table.Td>
          <Table.Td>
            <Text size="sm" title={`Opened ${r.openedAt}`}>
              {r.daysOpen === 1 ? "1 day" : `${r.daysOpen} days`}
            </Text>
          </Table.Td>
          <Table.Td>
            {r.actions.total === 0 ? (
              <Text size="sm" c={r.resolvedAt ? "dimmed" : undefined} fw={r.resolvedAt ? undefined : 500}>
                No plan yet
              </Text>
            ) : (
              <Group gap={6} wrap="nowrap">
                <Text size="sm">
                  {r.actions.open} open of {r.actions.total}
                </Text>
                {r.actions.overdue > 0 ? (
                  <Text size="sm" c={`${tones.danger}.8`} fw={500}>
                    {r.actions.overdue} overdue
                  </Text>
                ) : null}
              </Group>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="xs">AE {r.account.aeUser?.name ?? "—"}</Text>
            <Text size="xs">CE {r.account.ceUser?.name ?? "—"}</Text>
            <Text size="xs">TA {r.account.taUser?.name ?? "—"}</Text>
          </Table.Td>
          <Table.Td ta="right">{formatArr(r.account.arr)}</Table.Td>
          <Table.Td>{formatDay(r.account.renewalDate)}</Table.Td>
          <Table.Td>
            <RelativeTime value={r.lastCommentAt} empty="none" size="sm" />
            <Text size="xs">
              <AnchorLink to="/accounts/$accountId" params={{ accountId: r.account.id }} size="xs">
                Account
              </AnchorLink>
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
