import { Anchor, Button, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { statusStyle } from "@/platform/status-colors";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { DataTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { ChipGroup, ChoiceChips, statusOptions } from "@/platform/ui/FilterBar";
import { QueryStates } from "@/platform/ui/QueryStates";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { accessRequestsQuery, type AccessRequest } from "@/pages/access-requests/api";
import { AnswerDialog } from "@/pages/access-requests/AnswerDialog";
import { ACCESS_REQUEST_STATUSES, type AccessRequestsSearch } from "@/pages/trials/search";

const route = getRouteApi("/app/trials/access-requests");
const COLUMNS = ["Requested", "Requester", "Instance", "Message", "Status", "Answer"];
const STATUS_OPTIONS = statusOptions("accessRequest", ACCESS_REQUEST_STATUSES);

const EMPTY = {
  open: "No access request is waiting. When a requester's company already has an instance (T3), their request to join appears here until the instance admin answers.",
  granted: "No access request has been granted yet.",
  declined: "No access request has been declined.",
};

/** T3: access requests to existing instances, by status; open ones can be answered. */
export function AccessRequests() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/trials/access-requests" });
  const status = search.status ?? "open";
  const query = useQuery({ ...accessRequestsQuery(status), placeholderData: keepPreviousData });
  const [answering, setAnswering] = useState<AccessRequest | null>(null);
  const setStatus = (next: AccessRequestsSearch["status"]) => void navigate({ search: next && next !== "open" ? { status: next } : {} });

  const items = query.data?.items ?? [];
  const label = statusStyle("accessRequest", status).label;

  return (
    <Stack gap="sm">
      <ChipGroup id="access-status-filter" label="Status">
        {/* A status is always chosen: pressing the current chip again keeps it. */}
        <ChoiceChips options={STATUS_OPTIONS} value={status} onChange={(next) => setStatus(next ?? status)} />
      </ChipGroup>
      <QueryStates
        query={query}
        what="load the access requests"
        failed={query.isError && !query.data}
        skeleton={<TableSkeleton label="Access requests" columns={COLUMNS} rows={4} />}
        isEmpty={items.length === 0}
        empty={<EmptyState title={`No ${label.toLowerCase()} access requests`}>{EMPTY[status]}</EmptyState>}
      >
        <DataTable label={`${label} access requests`} columns={COLUMNS} minWidth={860} style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <RelativeTime value={r.createdAt} size="sm" />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.name}</Text>
                <Text size="xs" c="dimmed">
                  {r.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/instances/$instanceId" params={{ instanceId: r.instance.id }} size="sm">
                  {r.instance.slug}
                </AnchorLink>
                {r.instance.url ? (
                  <Anchor href={r.instance.url} target="_blank" rel="noreferrer" size="xs" display="block">
                    {r.instance.url}
                  </Anchor>
                ) : null}
              </Table.Td>
              <Table.Td maw={280}>
                <Text size="sm" className="trellis-break">
                  {r.message ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusPill domain="accessRequest" status={r.status} />
              </Table.Td>
              <Table.Td>
                {r.status === "open" ? (
                  <Button size="compact-xs" variant="light" onClick={() => setAnswering(r)} aria-label={`Answer ${r.email}`}>
                    Answer
                  </Button>
                ) : (
                  <Text size="sm">
                    {r.answeredBy ?? "Someone"} <RelativeTime value={r.answeredAt} />
                    {r.answerNote ? `: ${r.answerNote}` : ""}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </QueryStates>
      {answering ? <AnswerDialog request={answering} onClose={() => setAnswering(null)} /> : null}
    </Stack>
  );
}
