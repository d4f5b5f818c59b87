import { Badge, Stack, Table, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { DataTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { LoadMoreRow } from "@/platform/ui/ListPageBody";
import { QueryStates } from "@/platform/ui/QueryStates";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { failingCount, qualificationQueueQuery } from "@/pages/leads/api";
import { tones } from "@/theme";

const COLUMNS = ["Waiting", "Company", "Requester", "Checks"];

/** T4: the SDR's queue, oldest first; j/k and Enter, or a click, open the lead. */
export function QualificationQueue() {
  const navigate = useNavigate();
  const query = useInfiniteQuery(qualificationQueueQuery());
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (id: string) => void navigate({ to: "/leads/$leadId", params: { leadId: id } });
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const lead = items[index];
    if (lead) open(lead.id);
  });

  return (
    <QueryStates
      query={query}
      what="load the qualification queue"
      skeleton={<TableSkeleton label="Trial requests waiting for qualification" columns={COLUMNS} rows={5} />}
      isEmpty={items.length === 0}
      empty={
        <EmptyState title="No trial requests waiting">
          No trial requests waiting. New signups appear here, oldest first, with the automatic checks (existing instance, customer
          or strategic account, free-mail or disposable address, the pack's criteria, capacity) ready for your decision.
        </EmptyState>
      }
    >
      <Stack gap="sm">
        <DataTable label="Trial requests waiting for qualification" columns={COLUMNS} minWidth={640} highlightOnHover>
          {items.map((lead, index) => {
            const failing = failingCount(lead);
            return (
              <Table.Tr key={lead.id} {...getRowProps(index)}>
                <Table.Td>
                  <RelativeTime value={lead.createdAt} size="sm" />
                </Table.Td>
                <Table.Td>
                  <AnchorLink to="/leads/$leadId" params={{ leadId: lead.id }} size="sm" fw={500} className="trellis-break">
                    {lead.company}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{lead.name}</Text>
                  <Text size="xs" c="dimmed">
                    {lead.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {failing > 0 ? (
                    <Badge color={tones.danger} variant="light" size="sm" radius="sm" style={{ textTransform: "none" }}>
                      {failing} failing
                    </Badge>
                  ) : (
                    <Badge color={tones.success} variant="light" size="sm" radius="sm" style={{ textTransform: "none" }}>
                      All pass
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
        <LoadMoreRow list={query}>
          {items.length} waiting{query.hasNextPage ? " (more below)" : ""} · j / k move, Enter opens
        </LoadMoreRow>
      </Stack>
    </QueryStates>
  );
}
