import { Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { ChipGroup, ChoiceChips, FilterBar } from "@/platform/ui/FilterBar";
import type { ActiveFilter } from "@/platform/ui/FilterPills";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { OffsetPager } from "@/platform/ui/OffsetPager";
import { PageHeader } from "@/platform/ui/PageHeader";
import { QueryError, QueryStates } from "@/platform/ui/QueryStates";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { activeUsersQuery, PersonSelect } from "@/pages/accounts/PersonSelect";
import { PAGE_SIZE, redListQuery, type RedStatus } from "@/pages/red-accounts/api";
import { RED_COLUMNS, RedAccountsTable } from "@/pages/red-accounts/RedAccountsTable";
import type { RedAccountsSearch } from "@/pages/red-accounts/search";

const route = getRouteApi("/app/red-accounts");

const STATUS_OPTIONS: { value: RedStatus; label: string }[] = [
  { value: "open", label: "Open" },
  { value: "resolved", label: "Resolved" },
  { value: "all", label: "All" },
];

/** S3: every account that turned red, with why, its action plan and how long it has been red. */
export function RedAccountsPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/red-accounts" });
  const status = search.status ?? "open";
  const page = search.page ?? 1;
  const list = useQuery({
    ...redListQuery({ status, owner: search.owner, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const users = useQuery(activeUsersQuery);
  const items = list.data?.items ?? [];
  const setSearch = (patch: Partial<RedAccountsSearch>) =>
    void navigate({ search: (prev: RedAccountsSearch) => ({ ...prev, ...patch, page: "page" in patch ? patch.page : undefined }) });
  const clear = () => void navigate({ search: {} });
  const open = (id: string) => void navigate({ to: "/red-accounts/$trackerId", params: { trackerId: id } });

  const ownerName = users.data?.items.find((u) => u.id === search.owner)?.name ?? "selected person";
  const active: ActiveFilter[] = [
    ...(search.status ? [{ key: "status", name: "Status", value: STATUS_OPTIONS.find((o) => o.value === search.status)?.label ?? search.status, onRemove: () => setSearch({ status: undefined }) }] : []),
    ...(search.owner ? [{ key: "owner", name: "Account team", value: ownerName, onRemove: () => setSearch({ owner: undefined }) }] : []),
  ];

  return (
    <>
      <PageHeader
        title="Red accounts"
        description="Accounts whose health turned red, by score or marked by their team: current state, needs, action plan and discussion until they are yellow or green again."
      />
      <Stack gap="sm">
        <FilterBar active={active} onClear={clear}>
          <ChipGroup id="red-status" label="Status">
            <ChoiceChips options={STATUS_OPTIONS} value={status} onChange={(next) => setSearch({ status: next === "open" || next === undefined ? undefined : next })} />
          </ChipGroup>
          <PersonSelect label="Account team member" emptyLabel="Anyone" value={search.owner ?? ""} onChange={(id) => setSearch({ owner: id || undefined })} size="xs" w={260} />
        </FilterBar>
        <QueryStates
          query={list}
          what="load the red accounts"
          skeleton={<TableSkeleton label="Red accounts" columns={RED_COLUMNS} />}
          isEmpty={items.length === 0}
          empty={
            list.isError ? (
              <QueryError query={list} what="load the red accounts" />
            ) : active.length > 0 || page > 1 ? (
              <NoMatches title="No red accounts match these filters" onClear={clear}>
                {status === "open" ? "No open tracker matches. " : ""}The team filter finds accounts where the person is the AE, CE or TA.
              </NoMatches>
            ) : (
              <EmptyState title="No red accounts right now">
                When an account&apos;s health turns red (by its score, or an AE, CE or TA marks it red from the account&apos;s Health
                section), it appears here and in #red-accounts, and its team is emailed. Resolved trackers stay under Resolved.
              </EmptyState>
            )
          }
        >
          {list.isError ? <QueryError query={list} what="refresh the red accounts" /> : null}
          <RedAccountsTable items={items} onOpen={open} dimmed={list.isPlaceholderData} />
          <OffsetPager
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            noun={["red account", "red accounts"]}
            onPage={(next) => setSearch({ page: next > 1 ? next : undefined })}
            note={list.isPlaceholderData ? " (loading…)" : ""}
          />
          <Text size="xs" c="dimmed">
            Keyboard: j / k move between rows, Enter opens the focused tracker.
          </Text>
        </QueryStates>
      </Stack>
    </>
  );
}
