import { Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { statusStyle } from "@/platform/status-colors";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { EmptyState } from "@/platform/ui/EmptyState";
import { ErrorState } from "@/platform/ui/ErrorState";
import { FilterChip } from "@/platform/ui/FilterChip";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { accessRequestsQuery, type AccessRequest } from "@/pages/access-requests/api";
import { AnswerDialog } from "@/pages/access-requests/AnswerDialog";
import { ACCESS_REQUEST_STATUSES, type AccessRequestsSearch } from "@/pages/trials/search";
import { tones } from "@/theme";

const route = getRouteApi("/app/trials/access-requests");
const COLUMNS = ["Requested", "Requester", "Instance", "Message", "Status", "Answer"];

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

  let body;
  if (query.isPending) body = <TableSkeleton label="Access requests" columns={COLUMNS} rows={4} />;
  else if (query.isError && !query.data) body = <ErrorState error={query.error} what="load the access requests" onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  else if (query.data.items.length === 0) body = <EmptyState title={`No ${statusStyle("accessRequest", status).label.toLowerCase()} access requests`}>{EMPTY[status]}</EmptyState>;
  else {
    body = (
      <Table.ScrollContainer minWidth={860}>
        <Table aria-label={`${statusStyle("accessRequest", status).label} access requests`} style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              {COLUMNS.map((c) => (
                <Table.Th key={c} scope="col">
                  {c}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((r) => (
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
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="sm">
      <div role="group" aria-labelledby="access-status-filter">
        <Text id="access-status-filter" size="xs" fw={500} mb={4}>
          Status
        </Text>
        <Group gap={6}>
          {ACCESS_REQUEST_STATUSES.map((s) => {
            const style = statusStyle("accessRequest", s);
            return (
              <FilterChip key={s} color={tones[style.tone]} pressed={status === s} onToggle={() => setStatus(s)} title={style.meaning}>
                {style.label}
              </FilterChip>
            );
          })}
        </Group>
      </div>
      {body}
      {answering ? <AnswerDialog request={answering} onClose={() => setAnswering(null)} /> : null}
    </Stack>
  );
}
