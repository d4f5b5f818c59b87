import { Button, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useRowNavigation } from "@/platform/keyboard";
import { statusStyle } from "@/platform/status-colors";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { QueryError } from "@/platform/ui/QueryStates";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { CLOSED_STATES, trialListQuery, type TrialState, type TrialView } from "@/pages/trials/api";
import { BoardGroup } from "@/pages/trials/BoardGroup";
import { CapacityBanner } from "@/pages/trials/CapacityBanner";
import type { TrialsSearch } from "@/pages/trials/search";
import { COLUMNS, type BoardColumn } from "@/pages/trials/TrialCells";
import { TrialsFilterBar } from "@/pages/trials/TrialsFilterBar";

const route = getRouteApi("/app/trials/");

interface Group {
  id: string;
  title: string;
  states: readonly (TrialState | string)[];
  columns: BoardColumn[];
  emptyText: string;
}

/** The board's parts, in the order a trial moves through them. */
const GROUPS: Group[] = [
  { id: "queued", title: "Queued", states: ["queued"], columns: COLUMNS.queued, emptyText: "No approved trial is waiting for capacity." },
  {
    id: "provisioning",
    title: "Provisioning",
    states: ["provisioning", "provisioning_failed"],
    columns: COLUMNS.provisioning,
    emptyText: "No instance is being provisioned. Approving a request starts one.",
  },
  { id: "running", title: "Running", states: ["running"], columns: COLUMNS.running, emptyText: "No trial is running." },
  { id: "ended", title: "Ended – decision needed", states: ["ended"], columns: COLUMNS.ended, emptyText: "No ended trial is waiting for a decision." },
  { id: "closed", title: "Closed", states: CLOSED_STATES, columns: COLUMNS.closed, emptyText: "No converted, terminated or cancelled trials match." },
];

/** Growth's board: capacity, then trials grouped by where they stand; filters live in the URL. */
export function TrialsBoard() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/trials/" });
  const query = useQuery({ ...trialListQuery(search), placeholderData: keepPreviousData });
  const setSearch = (patch: Partial<TrialsSearch>) => void navigate({ search: (prev: TrialsSearch) => ({ ...prev, ...patch }) });
  const clear = () => void navigate({ search: {} });

  const items = query.data?.items ?? [];
  const showClosed = search.closed === "1" || (search.state !== undefined && CLOSED_STATES.includes(search.state));
  const groups = GROUPS.filter((g) => (g.id === "closed" ? showClosed : true)).filter((g) => !search.state || g.states.includes(search.state));
  const grouped = groups.map((g) => ({ group: g, items: items.filter((t) => g.states.includes(t.state)) }));
  const visible: TrialView[] = grouped.flatMap((g) => g.items);
  const { getRowProps } = useRowNavigation(visible.length, (index) => {
    const t = visible[index];
    if (t) void navigate({ to: "/trials/$trialId", params: { trialId: t.id } });
  });
  const rowProps = (id: string) => getRowProps(visible.findIndex((t) => t.id === id));
  const filtered = Boolean(search.q || search.state || search.owner);

  let body;
  if (query.isPending) body = <TableSkeleton label="Trials" columns={["Trial", "Owner", "State", "SLA", "Days left", "Usage"]} rows={6} />;
  else if (query.isError && !query.data) {
    body = <QueryError query={query} what="load the trials" />;
  } else if (visible.length === 0 && filtered) {
    body = (
      <NoMatches title="No trials match these filters" onClear={clear}>
        No {search.state ? `${statusStyle("trial", search.state).label.toLowerCase()} ` : ""}trials
        {search.owner ? " owned by you" : ""}
        {search.q ? ` match “${search.q}”` : ""}. Search looks at companies, slugs and admin emails; remove a filter to see more.
      </NoMatches>
    );
  } else if (items.length === 0) {
    body = (
      <EmptyState
        title="No trials yet"
        actions={
          <Button component={Link} to="/trials/qualification" variant="light">
            Open the qualification queue
          </Button>
        }
      >
        A trial starts when an SDR approves a signup. Approved requests appear here while their instance is provisioned, then
        while they run, until someone decides to extend, convert or terminate them.
      </EmptyState>
    );
  } else {
    body = (
      <Stack gap="sm">
        {query.isError ? <QueryError query={query} what="refresh the trials" /> : null}
        {grouped.map(({ group, items: groupItems }) => (
          <BoardGroup
            key={group.id}
            id={group.id}
            title={group.title}
            emptyText={group.emptyText}
            items={groupItems}
            columns={group.columns}
            withState={group.states.length > 1}
            rowProps={rowProps}
            dimmed={query.isPlaceholderData}
          />
        ))}
        <Text size="xs" c="dimmed">
          Keyboard: j / k move between trials, Enter opens the focused one.
        </Text>
      </Stack>
    );
  }

  return (
    <Stack gap="sm">
      {query.data ? <CapacityBanner capacity={query.data.capacity} /> : null}
      <TrialsFilterBar search={search} onChange={setSearch} onClear={clear} />
      {body}
    </Stack>
  );
}
