import { Button, Group, NativeSelect, Skeleton, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { EmptyState } from "@/platform/ui/EmptyState";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Section } from "@/platform/ui/Section";
import { TimeSeriesChart } from "@/platform/ui/TimeSeriesChart";
import { charts } from "@/theme";
import { segmentNames, useAccountsPack } from "@/pages/accounts/pack";
import { PersonSelect } from "@/pages/accounts/PersonSelect";
import { healthReportQuery, type HealthOverview } from "@/pages/reports/api";
import { BandBar, BandLegend, MoversTable, OwnerTable, SegmentTable, TrendTable } from "@/pages/reports/HealthTables";
import type { ReportsSearch } from "@/pages/reports/search";

const count = new Intl.NumberFormat("en");

/** S1–S3: the customer-success book's health now, who moved this week, and the last 12 weeks. */
export function HealthReport({ search, onChange }: { search: ReportsSearch; onChange: (patch: Pick<ReportsSearch, "healthSegment" | "healthOwner">) => void }) {
  const pack = useAccountsPack();
  const report = useQuery({ ...healthReportQuery({ segment: search.healthSegment, ownerUserId: search.healthOwner }), placeholderData: keepPreviousData });
  const filtered = search.healthSegment !== undefined || search.healthOwner !== undefined;
  const segments = segmentNames(pack.data);
  const segmentOptions = search.healthSegment && !segments.includes(search.healthSegment) ? [...segments, search.healthSegment] : segments;
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label="Health: segment"
          size="xs"
          w={180}
          data={[{ value: "", label: "Every segment" }, ...segmentOptions.map((n) => ({ value: n, label: n }))]}
          value={search.healthSegment ?? ""}
          onChange={(e) => onChange({ healthSegment: e.currentTarget.value || undefined, healthOwner: search.healthOwner })}
        />
        <PersonSelect
          label="Health: owner"
          emptyLabel="Anyone"
          size="xs"
          w={220}
          value={search.healthOwner ?? ""}
          onChange={(owner) => onChange({ healthSegment: search.healthSegment, healthOwner: owner || undefined })}
        />
      </Group>
      {report.isPending ? (
        <Stack gap="md">
          <Skeleton height={80} radius="md" />
          <Skeleton height={220} radius="md" />
        </Stack>
      ) : report.isError && !report.data ? (
        <ErrorState error={report.error} what="load the health report" onRetry={() => void report.refetch()} retrying={report.isFetching} />
      ) : report.data ? (
        <HealthBody data={report.data} filtered={filtered} dimmed={report.isPlaceholderData} onClear={() => onChange({ healthSegment: undefined, healthOwner: undefined })} />
      ) : null}
    </Stack>
  );
}

function HealthBody({ data, filtered, dimmed, onClear }: { data: HealthOverview; filtered: boolean; dimmed: boolean; onClear: () => void }) {
  const weeks = useMemo(() => data.trend.map((w) => w.week), [data.trend]);
  const average = useMemo(() => [{ label: "Average score", values: data.trend.map((w) => w.averageScore), color: charts.series[0], fill: true }], [data.trend]);
  if (data.total === 0) {
    return filtered ? (
      <EmptyState title="No accounts in the book match" actions={<Button variant="light" onClick={onClear}>Show the whole book</Button>}>
        No account in the customer-success book has this segment or owner.
      </EmptyState>
    ) : (
      <EmptyState
        title="No accounts in the book yet"
        actions={
          <Button component={Link} to="/accounts" variant="light">
            Open the accounts
          </Button>
        }
      >
        An account enters the customer-success book when TA leadership sets its TA support level. Its health is scored from usage,
        tickets, activities and the team&apos;s traits, and shows here by band, segment and owner.
      </EmptyState>
    );
  }
  return (
    <Stack gap="md" aria-busy={dimmed || undefined} style={{ opacity: dimmed ? 0.6 : 1, transition: "opacity 120ms" }}>
      <Section title="Customer health">
        <Text size="sm" c="dimmed">
          {count.format(data.total)} {data.total === 1 ? "account" : "accounts"} in the book, {count.format(data.scored)} scored;{" "}
          {count.format(data.missingData)} {data.missingData === 1 ? "score rests" : "scores rest"} on missing data.
        </Text>
        <BandBar counts={data.byBand} label="The book by health band" />
        <BandLegend counts={data.byBand} />
      </Section>
      <Section title="Health by segment">
        <SegmentTable rows={data.bySegment} />
      </Section>
      <Section title="Health by owner">
        <Text size="sm" c="dimmed">
          Each account counts once under its TA (the health owner) and once under its AE.
        </Text>
        <OwnerTable rows={data.byOwner} />
      </Section>
      <Section title="Health movers">
        {data.movers.length === 0 ? (
          <EmptyState title="No moves in the last 7 days">
            Accounts whose score or band changed since a week ago appear here, the biggest drops first, then the biggest rises.
          </EmptyState>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              The biggest moves of the last 7 days: up to 10 down and 10 up, band changes first.
            </Text>
            <MoversTable rows={data.movers} />
          </>
        )}
      </Section>
      <Section title="Health trend">
        <TimeSeriesChart
          label="Average health score per week"
          days={weeks}
          series={average}
          unit="score"
          description="Each point is a week starting Monday (UTC): the average score of the book's accounts as of the end of that week (today for the current week)."
        />
        <TrendTable weeks={data.trend} />
      </Section>
    </Stack>
  );
}
