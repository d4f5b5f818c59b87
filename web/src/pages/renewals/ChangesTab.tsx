import { Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useRowNavigation } from "@/platform/keyboard";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { ListTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { QueryError } from "@/platform/ui/QueryStates";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { forecastQuery } from "@/pages/renewals/api";

const COLUMNS = ["When", "Account", "What changed", "Who"];

/** R4: the renewal events of the last 7 days (ratings, reviews, projections, processing), newest first. */
export function ChangesTab() {
  const forecast = useQuery(forecastQuery());
  const navigate = useNavigate();
  const items = forecast.data?.changesThisWeek ?? [];
  const { getRowProps } = useRowNavigation(items.length, (index) => {
    const change = items[index];
    if (change) void navigate({ to: "/renewals/$renewalId", params: { renewalId: change.renewalId } });
  });

  if (forecast.isPending) return <TableSkeleton label="Changes this week" columns={COLUMNS} rows={5} />;
  if (forecast.isError && !forecast.data) return <QueryError query={forecast} what="load this week's changes" />;
  if (items.length === 0) {
    return (
      <EmptyState title="No renewal changes this week">
        Ratings, reviews, projections, processed renewals and newly opened cycles of the last 7 days appear here, newest first. Open a renewal from the
        Pipeline tab to rate or project it.
      </EmptyState>
    );
  }
  return (
    <Stack gap="xs">
      <ListTable label="Changes this week" columns={COLUMNS} minWidth={760}>
        {items.map((c, index) => (
          <Table.Tr key={`${c.renewalId}-${c.at}-${index}`} {...getRowProps(index)} style={{ cursor: "pointer" }}>
            <Table.Td>
              <RelativeTime value={c.at} size="sm" />
            </Table.Td>
            <Table.Td>
              <AnchorLink to="/renewals/$renewalId" params={{ renewalId: c.renewalId }} size="sm" fw={500}>
                {c.account.name}
              </AnchorLink>
            </Table.Td>
            <Table.Td>
              <Text size="sm" className="trellis-break">
                {c.summary}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.actorLabel}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <Text size="xs" c="dimmed" role="status">
        {items.length} {items.length === 1 ? "change" : "changes"} in the last 7 days{items.length >= 50 ? " (the latest 50)" : ""}. j / k move, Enter opens the
        renewal.
      </Text>
    </Stack>
  );
}
