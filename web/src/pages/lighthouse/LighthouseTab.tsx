import { Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ListTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { ChipGroup, ChoiceChips, type ChipOption } from "@/platform/ui/FilterBar";
import { QueryError } from "@/platform/ui/QueryStates";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { formatArr, formatArrShort, formatDay } from "@/pages/accounts/format";
import { lighthouseListQuery, type LighthouseFilter, type LighthouseItem } from "@/pages/lighthouse/api";
import type { RenewalsSearch } from "@/pages/renewals/search";
import { RenewalPill } from "@/pages/renewals/status";

const route = getRouteApi("/app/renewals");

const FILTER_OPTIONS: ChipOption<LighthouseFilter>[] = [
  { value: "exited", label: "Exited", title: "Programs leadership has exited" },
  { value: "all", label: "Active and exited", title: "Every program" },
];
const COLUMNS = ["Account", "Status", "ARR", "Renewal", "Health", "Weeks in", "Last update", "Exec sponsor", "Why it entered"];

/** R2/X: accounts in the Lighthouse save program, with how long they have been in and when the last weekly update came. */
export function LighthouseTab() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/renewals/lighthouse" });
  const status: LighthouseFilter = search.lighthouse ?? "active";
  const list = useQuery(lighthouseListQuery(status));
  const items = list.data?.items ?? [];
  const open = (programId: string) => void navigate({ to: "/lighthouse/$programId", params: { programId } });

  let body;
  if (list.isPending) body = <TableSkeleton label="Lighthouse programs" columns={COLUMNS} rows={4} />;
  else if (list.isError && !list.data) body = <QueryError query={list} what="load the Lighthouse programs" />;
  else if (items.length === 0) {
    body =
      status === "active" ? (
        <EmptyState title="No account is in Lighthouse">
          A renewal rated yellow or red enters the Lighthouse save program on its own; to enter an account by hand, use “Enter Lighthouse…” in the Renewals
          section of its account page.
        </EmptyState>
      ) : (
        <EmptyState title="No exited programs">Programs leadership has exited (success criteria met) appear here with their exit note.</EmptyState>
      );
  } else {
    body = <LighthouseTable items={items} onOpen={open} dimmed={list.isPlaceholderData} />;
  }

  return (
    <Stack gap="sm">
      <ChipGroup id="lighthouse-status" label="Status (active by default)">
        <ChoiceChips
          options={FILTER_OPTIONS}
          value={search.lighthouse === "active" ? undefined : search.lighthouse}
          onChange={(lighthouse) => void navigate({ search: (prev: RenewalsSearch) => ({ ...prev, lighthouse }), resetScroll: false })}
        />
      </ChipGroup>
      {body}
      {items.length > 0 ? (
        <Text size="xs" c="dimmed" role="status">
          {items.length} {items.length === 1 ? "program" : "programs"}. j / k move, Enter opens the program.
        </Text>
      ) : null}
    </Stack>
  );
}

const dash = (
  <Text c="dimmed" size="sm" span>
    —
  </Text>
);

function LighthouseTable({ items, onOpen, dimmed }: { items: LighthouseItem[]; onOpen: (id: string) => void; dimmed: boolean }) {
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const item = items[index];
    if (item) onOpen(item.id);
  });
  return (
    <ListTable label="Lighthouse programs" columns={COLUMNS} numeric={["ARR", "Weeks in"]} minWidth={1100} dimmed={dimmed}>
      {items.map((p, index) => (
        <Table.Tr key={p.id} {...getRowProps(index)} style={{ cursor: "pointer" }}>
          <Table.Td>
            <AnchorLink to="/lighthouse/$programId" params={{ programId: p.id }} size="sm" fw={500}>
              {p.account.name}
            </AnchorLink>
          </Table.Td>
          <Table.Td>
            <RenewalPill domain="lighthouse" status={p.status} size="xs" />
          </Table.Td>
          <Table.Td ta="right" title={formatArr(p.account.arr)}>
            {formatArrShort(p.account.arr)}
          </Table.Td>
          <Table.Td>{formatDay(p.account.renewalDate)}</Table.Td>
          <Table.Td>{p.account.healthBand ? <StatusPill domain="healthBand" status={p.account.healthBand} size="xs" /> : dash}</Table.Td>
          <Table.Td ta="right">{p.weeksIn}</Table.Td>
          <Table.Td>
            <RelativeTime value={p.lastUpdateAt} empty="no update yet" size="sm" />
          </Table.Td>
          <Table.Td>{p.execSponsor?.name ?? dash}</Table.Td>
          <Table.Td maw={320}>
            <Text size="sm" lineClamp={2} title={p.entryReason}>
              {p.entryReason}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
