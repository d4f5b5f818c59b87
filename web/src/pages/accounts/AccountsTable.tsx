import { Badge, Table, Text } from "@mantine/core";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { SortableListTable, type SortableColumn, type SortDir } from "@/platform/ui/SortableTable";
import { tones } from "@/theme";
import type { AccountListItem, AccountSort } from "@/pages/accounts/api";
import { SegmentBadge, StageBadge } from "@/pages/accounts/AccountBadges";
import { formatArr, formatArrShort, formatDay, formatInt, formatShare } from "@/pages/accounts/format";
import { HealthBadge } from "@/pages/health/HealthBadge";

export const ACCOUNT_COLUMNS: readonly SortableColumn<AccountSort>[] = [
  { label: "Account", sort: "name" },
  { label: "Type" },
  { label: "Segment", sort: "segment" },
  { label: "Stage", sort: "stage" },
  { label: "Health", sort: "health", firstDir: "asc" },
  { label: "ARR", sort: "arr", numeric: true },
  { label: "Renewal", sort: "renewal", firstDir: "asc" },
  { label: "Expected close", sort: "close", firstDir: "asc" },
  { label: "MAU", numeric: true },
  { label: "MAU/seats", sort: "usage", numeric: true },
  { label: "AE" },
  { label: "TA" },
  { label: "Open tasks", numeric: true },
];

interface AccountsTableProps {
  items: AccountListItem[];
  sort: AccountSort | undefined;
  dir: SortDir | undefined;
  onSort: (sort: AccountSort, dir: SortDir) => void;
  onOpen: (id: string) => void;
  dimmed: boolean;
}

const dash = (
  <Text c="dimmed" size="sm" span>
    —
  </Text>
);

/** The book as a dense table; headings sort it, row click or Enter (after j/k) opens the account. */
export function AccountsTable({ items, sort, dir, onSort, onOpen, dimmed }: AccountsTableProps) {
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const item = items[index];
    if (item) onOpen(item.id);
  });
  return (
    <SortableListTable label="Accounts" columns={ACCOUNT_COLUMNS} sort={sort} dir={dir} onSort={onSort} minWidth={1380} dimmed={dimmed}>
      {items.map((a, index) => (
        <Table.Tr key={a.id} {...getRowProps(index)}>
          <Table.Td maw={260}>
            <AnchorLink to="/accounts/$accountId" params={{ accountId: a.id }} size="sm" fw={500} className="trellis-break">
              {a.name}
            </AnchorLink>
            {a.strategic ? (
              <Badge ml={6} size="xs" variant="outline" color={tones.accent} style={{ textTransform: "none" }}>
                strategic
              </Badge>
            ) : null}
            <Text size="xs" c="dimmed" className="trellis-break">
              {a.domain ?? ""}
              {a.inBook ? "" : a.domain ? " · not in the book" : "not in the book"}
            </Text>
          </Table.Td>
          <Table.Td>{a.accountType}</Table.Td>
          <Table.Td>{a.segment ? <SegmentBadge segment={a.segment} size="xs" /> : dash}</Table.Td>
          <Table.Td>{a.stage ? <StageBadge stage={a.stage} overridden={a.stageOverridden} size="xs" /> : dash}</Table.Td>
          <Table.Td miw={112}>{a.health?.band ? <HealthBadge band={a.health.band} score={a.health.score} missingData={a.health.missingData} size="xs" /> : dash}</Table.Td>
          <Table.Td ta="right" title={formatArr(a.arr)}>
            {formatArrShort(a.arr)}
          </Table.Td>
          <Table.Td>{formatDay(a.contractEnd)}</Table.Td>
          <Table.Td>{formatDay(a.expectedCloseDate)}</Table.Td>
          <Table.Td ta="right">{formatInt(a.usage?.mau)}</Table.Td>
          <Table.Td ta="right" title={a.seats === null ? "No seats recorded" : `${formatInt(a.seats)} seats`}>
            {formatShare(a.usage?.mauPerSeat)}
          </Table.Td>
          <Table.Td>{a.ae?.name ?? dash}</Table.Td>
          <Table.Td>{a.ta?.name ?? dash}</Table.Td>
          <Table.Td ta="right">{a.openTasks > 0 ? formatInt(a.openTasks) : dash}</Table.Td>
        </Table.Tr>
      ))}
    </SortableListTable>
  );
}
