import { NativeSelect, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useNow } from "@/platform/time";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { ChipGroup, ChoiceChips, FilterBar, type ChipOption } from "@/platform/ui/FilterBar";
import { activeFilters } from "@/platform/ui/FilterPills";
import { OffsetPager } from "@/platform/ui/OffsetPager";
import { QueryError } from "@/platform/ui/QueryStates";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { tones } from "@/theme";
import { activeUsersQuery, PersonSelect } from "@/pages/accounts/PersonSelect";
import { useAccountsPack } from "@/pages/accounts/pack";
import {
  forecastQuery,
  PAGE_SIZE,
  quarterLabel,
  quarterOf,
  RATING_FILTERS,
  renewalListQuery,
  renewalsPackOf,
  type RatingFilter,
  type RenewalFilters,
  type StatusFilter,
} from "@/pages/renewals/api";
import { ForecastCards, ForecastSkeleton } from "@/pages/renewals/ForecastCards";
import { RENEWAL_COLUMNS, RenewalsTable } from "@/pages/renewals/RenewalsTable";
import { ALL_QUARTERS, type RenewalsSearch } from "@/pages/renewals/search";
import { renewalStyle } from "@/pages/renewals/status";

const route = getRouteApi("/app/renewals");

const STATUS_OPTIONS: ChipOption<StatusFilter>[] = [
  { value: "processed", label: "Processed", title: "R5: renewals already processed" },
  { value: "all", label: "Open and processed", title: "Every cycle" },
];

const RATING_OPTIONS: ChipOption<RatingFilter>[] = RATING_FILTERS.map((r) => {
  const style = renewalStyle("rating", r);
  return { value: r, label: style.label, color: tones[style.tone], title: style.meaning };
});

/** R4 forecast cards per quarter, then the renewals of the chosen quarter with their rating, review, projection and Lighthouse marker. */
export function PipelineTab() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/renewals/" });
  const now = useNow();
  const pack = useAccountsPack();
  const renewalsPack = renewalsPackOf(pack.data);
  const users = useQuery(activeUsersQuery);
  const forecast = useQuery(forecastQuery());

  const currentQuarter = forecast.data?.quarters[0]?.quarter ?? quarterOf(new Date(now).toISOString().slice(0, 10));
  const quarter = search.quarter ?? currentQuarter;
  const filters: RenewalFilters = {
    quarter: quarter === ALL_QUARTERS ? undefined : quarter,
    status: search.status,
    rating: search.rating,
    ownerUserId: search.owner,
  };
  const page = search.page ?? 1;
  const list = useQuery(renewalListQuery(filters, (page - 1) * PAGE_SIZE));

  const setSearch = (patch: Partial<RenewalsSearch>) =>
    void navigate({ search: (prev: RenewalsSearch) => ({ ...prev, page: undefined, ...patch }), resetScroll: false });
  const clear = () => void navigate({ search: (prev: RenewalsSearch) => ({ quarter: prev.quarter }) });
  const open = (renewalId: string) => void navigate({ to: "/renewals/$renewalId", params: { renewalId } });

  const ownerName = (id: string) => users.data?.items.find((u) => u.id === id)?.name ?? "someone";
  const pills = activeFilters(search, setSearch, {
    status: { name: "Status", value: (v) => STATUS_OPTIONS.find((o) => o.value === v)?.label ?? v },
    rating: { name: "Rating", value: (v) => renewalStyle("rating", v).label },
    owner: { name: "Owner", value: ownerName },
  });

  const quarters = forecast.data?.quarters ?? [];
  const quarterOptions = [
    ...quarters.map((q) => ({ value: q.quarter, label: quarterLabel(q.quarter) })),
    ...(quarter !== ALL_QUARTERS && !quarters.some((q) => q.quarter === quarter) ? [{ value: quarter, label: quarterLabel(quarter) }] : []),
    { value: ALL_QUARTERS, label: "All quarters" },
  ];
  const where = quarter === ALL_QUARTERS ? "in any quarter" : `in ${quarterLabel(quarter)}`;
  const items = list.data?.items ?? [];
  const filtered = pills.length > 0;

  let body;
  if (list.isPending) body = <TableSkeleton label="Renewals" columns={[...RENEWAL_COLUMNS]} rows={6} />;
  else if (list.isError && !list.data) body = <QueryError query={list} what="load the renewals" />;
  else if (items.length === 0 && filtered) {
    body = (
      <NoMatches title="No renewals match these filters" onClear={clear}>
        No {search.rating ? `${renewalStyle("rating", search.rating).label.toLowerCase()} ` : ""}renewals {where}
        {search.owner ? ` for ${ownerName(search.owner)}` : ""}
        {search.status === "processed" ? " were processed" : ""}. Remove a filter, or choose another quarter.
      </NoMatches>
    );
  } else if (items.length === 0) {
    const days = renewalsPack?.startDaysBeforeRenewal;
    body = (
      <EmptyState title={`No open renewals ${where}`}>
        A renewal cycle opens {days ? `${days} days` : "a set number of days"} before an in-book customer&apos;s renewal date (its contract end), with a
        Health Assessment doc and a task for the TA. Set the contract end on the account to see it here; the forecast above already counts
        accounts renewing in each quarter before their cycle opens.
      </EmptyState>
    );
  } else {
    body = (
      <Stack gap="xs">
        {list.isError ? <QueryError query={list} what="refresh the renewals" /> : null}
        <RenewalsTable label="Renewals" items={items} outcomeLabels={renewalsPack?.outcomeLabels} onOpen={open} dimmed={list.isPlaceholderData} />
        <OffsetPager
          page={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total ?? items.length}
          noun={["renewal", "renewals"]}
          onPage={(p) => setSearch({ page: p > 1 ? p : undefined })}
          note={list.isFetching ? "; refreshing…" : ""}
        />
        <Text size="xs" c="dimmed">
          j / k move between rows, Enter opens the renewal.
        </Text>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Forecast
        </Title>
        {forecast.isPending ? (
          <ForecastSkeleton />
        ) : forecast.isError ? (
          <QueryError query={forecast} what="load the forecast" />
        ) : (
          <ForecastCards quarters={quarters} selected={quarter} onSelect={(q) => setSearch({ quarter: q === currentQuarter ? undefined : q })} />
        )}
        <Text size="xs" c="dimmed">
          ARR at risk: full churn projected, the ARR lost to a projected partial churn, or the whole ARR of a renewal rated into Lighthouse. Expected ARR: the
          projection where there is one, else the current ARR. Changes compare with last Monday&apos;s snapshot.
        </Text>
      </Stack>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Renewals {where}
        </Title>
        <FilterBar active={pills} onClear={clear}>
          <NativeSelect
            label="Quarter"
            size="xs"
            w={160}
            data={quarterOptions}
            value={quarter}
            onChange={(e) => setSearch({ quarter: e.currentTarget.value === currentQuarter ? undefined : e.currentTarget.value })}
          />
          <ChipGroup id="renewals-rating" label="Rating">
            <ChoiceChips options={RATING_OPTIONS} value={search.rating} onChange={(rating) => setSearch({ rating })} />
          </ChipGroup>
          <ChipGroup id="renewals-status" label="Status (open by default)">
            <ChoiceChips options={STATUS_OPTIONS} value={search.status} onChange={(status) => setSearch({ status })} />
          </ChipGroup>
          <PersonSelect label="Owner (TA or AE)" size="xs" w={220} value={search.owner ?? ""} emptyLabel="Anyone" onChange={(owner) => setSearch({ owner: owner || undefined })} />
        </FilterBar>
        {body}
      </Stack>
    </Stack>
  );
}
