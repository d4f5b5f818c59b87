import { Button, Group, Stack, Text } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { EmptyState } from "@/platform/ui/EmptyState";
import { ErrorState } from "@/platform/ui/ErrorState";
import { PageHeader } from "@/platform/ui/PageHeader";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { auditListQuery } from "@/pages/audit/api";
import { AuditFilterBar } from "@/pages/audit/AuditFilterBar";
import { AUDIT_COLUMNS, AuditTable } from "@/pages/audit/AuditTable";
import type { AuditSearch } from "@/pages/audit/search";

const route = getRouteApi("/app/audit");

export function AuditPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/audit" });
  const filtered = Object.values(search).some(Boolean);

  const list = useInfiniteQuery({ ...auditListQuery(search), placeholderData: keepPreviousData });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setSearch = (patch: Partial<AuditSearch>) =>
    void navigate({ search: (prev: AuditSearch) => ({ ...prev, ...patch }), replace: false });
  const clear = () => void navigate({ search: {} });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, when and why: every change by a person, an API token or a rule (with its pack version)."
      />
      <Stack gap="sm">
        <AuditFilterBar search={search} onChange={setSearch} onClear={clear} />
        {list.isPending ? (
          <TableSkeleton label="Audit log" columns={AUDIT_COLUMNS} />
        ) : list.isError && items.length === 0 ? (
          <ErrorState error={list.error} what="load the audit log" onRetry={() => void list.refetch()} retrying={list.isFetching} />
        ) : items.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No entries match these filters"
              actions={
                <Button variant="light" onClick={clear}>
                  Clear filters
                </Button>
              }
            >
              Nothing recorded matches. Check the spelling of the action or subject, or remove a filter to widen the search.
            </EmptyState>
          ) : (
            <EmptyState title="Nothing recorded yet">
              Every change made in Trellis, by a person, an API token or an automated rule, is recorded here the moment it
              happens, with who did it, when, and why. Entries appear as soon as someone changes settings or a rule fires.
            </EmptyState>
          )
        ) : (
          <>
            {list.isError ? (
              <ErrorState error={list.error} what="refresh the audit log" onRetry={() => void list.refetch()} retrying={list.isFetching} />
            ) : null}
            <AuditTable items={items} dimmed={list.isPlaceholderData} onFilterSubject={(subjectType, subjectId) => setSearch({ subjectType, subjectId })} />
            <Group justify="space-between">
              <Text size="xs" c="dimmed" role="status">
                {items.length} {items.length === 1 ? "entry" : "entries"} shown{list.hasNextPage ? ", newest first" : " (all)"}
              </Text>
              {list.hasNextPage ? (
                <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  Load more
                </Button>
              ) : null}
            </Group>
            <Text size="xs" c="dimmed">
              Keyboard: j / k move between entries, Enter shows or hides an entry's data.
            </Text>
          </>
        )}
      </Stack>
    </>
  );
}
