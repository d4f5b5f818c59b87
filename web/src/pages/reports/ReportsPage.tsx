import { Button, Code, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { isApiError } from "@/platform/api";
import { useNow } from "@/platform/time";
import { EmptyState } from "@/platform/ui/EmptyState";
import { ErrorState } from "@/platform/ui/ErrorState";
import { PageHeader } from "@/platform/ui/PageHeader";
import { Section } from "@/platform/ui/Section";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { trialsReportQuery, type TrialsReport } from "@/pages/reports/api";
import { FunnelTable } from "@/pages/reports/FunnelTable";
import { HealthReport } from "@/pages/reports/HealthReport";
import { ONGOING_COLUMNS, OngoingTrialsTable } from "@/pages/reports/OngoingTrialsTable";
import { PeriodPicker } from "@/pages/reports/PeriodPicker";
import { resolvePeriod, type ReportsSearch } from "@/pages/reports/search";
import { PipelineCounts, StatusBreakdownTable } from "@/pages/reports/StatusBreakdown";
import { USAGE_COLUMNS, UsageOverviewTable } from "@/pages/reports/UsageOverviewTable";
import { WeeklyChart } from "@/pages/reports/WeeklyChart";

const route = getRouteApi("/app/reports");
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const longDay = (day: string): string => dateFormat.format(new Date(`${day}T00:00:00Z`));

/** T12: the trial funnel over a chosen period, then what is true now (pipeline, ongoing trials, usage). */
export function ReportsPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/reports" });
  const now = useNow();
  const period = resolvePeriod(search, now);
  const report = useQuery({ ...trialsReportQuery(period), placeholderData: keepPreviousData });
  const issues = isApiError(report.error) ? report.error.issues : [];
  const setSearch = (next: ReportsSearch) => void navigate({ search: next });

  return (
    <>
      <PageHeader
        title="Reports"
        description="Inbound cloud trials: how signups move through the funnel, where leads stand, and how trials and their instances are doing."
      />
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <PeriodPicker search={search} period={period} onChange={setSearch} issues={issues} />
          <Text size="sm" c="dimmed" role="status">
            {longDay(period.from)} – {longDay(period.to)} (UTC)
          </Text>
        </Group>
        {report.isPending ? (
          <ReportSkeleton />
        ) : report.isError && !report.data ? (
          <ErrorState error={report.error} what="load the trials report" onRetry={() => void report.refetch()} retrying={report.isFetching} />
        ) : report.data ? (
          <ReportBody data={report.data} dimmed={report.isPlaceholderData} onWiden={search.days === "90" ? undefined : () => setSearch({ days: "90" })} />
        ) : null}
        <Title order={2} size="h3" mt="lg">
          Health
        </Title>
        <Text size="sm" c="dimmed">
          The customer-success book now (S1–S3), whatever the period above.
        </Text>
        <HealthReport search={search} onChange={(patch) => setSearch({ ...search, ...patch })} />
      </Stack>
    </>
  );
}

function ReportBody({ data, dimmed, onWiden }: { data: TrialsReport; dimmed: boolean; onWiden: (() => void) | undefined }) {
  const signups = data.funnel[0]?.count ?? 0;
  const signupUrl = `${window.location.origin}/signup`;
  return (
    <Stack gap="md" aria-busy={dimmed || undefined} style={{ opacity: dimmed ? 0.6 : 1, transition: "opacity 120ms" }}>
      <Section title="Funnel">
        {signups === 0 ? (
          <EmptyState
            title="No signups in this period"
            actions={
              onWiden ? (
                <Button variant="light" onClick={onWiden}>
                  Show the last 90 days
                </Button>
              ) : null
            }
          >
            Share the signup page: <Code>{signupUrl}</Code>. Each request becomes a lead here,
            and the funnel follows it through qualification, provisioning, hand-off, activation, PQL and conversion.
          </EmptyState>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              The {signups} {signups === 1 ? "lead" : "leads"} who signed up in the period, and how many of them have reached each step so far.
            </Text>
            <FunnelTable steps={data.funnel} />
          </>
        )}
      </Section>
      {signups > 0 ? (
        <>
          <Section title="Signups per week">
            <WeeklyChart weeks={data.weekly} />
          </Section>
          <Section title="Lead status breakdown">
            <Text size="sm" c="dimmed">
              Where the period&apos;s leads stand now, by status and substatus.
            </Text>
            <StatusBreakdownTable rows={data.statusBreakdown} />
          </Section>
        </>
      ) : null}
      <Section title="Lead pipeline">
        <Text size="sm" c="dimmed">
          Every lead by its current status, whenever it signed up.
        </Text>
        <PipelineCounts stages={data.pipeline} />
      </Section>
      <Section title="Ongoing trials">
        {data.ongoingTrials.length === 0 ? (
          <EmptyState
            title="No trials in flight"
            actions={
              <Button component={Link} to="/trials" variant="light">
                Open the trials board
              </Button>
            }
          >
            Approved trials appear here from provisioning until their end decision, each with its provisioning SLA clock. Approve
            leads in the qualification queue to start one.
          </EmptyState>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Trials holding an instance slot. The provisioning SLA runs in working time from signup until the instance is ready.
            </Text>
            <OngoingTrialsTable items={data.ongoingTrials} />
          </>
        )}
      </Section>
      <Section title="Trial instance usage">
        {data.usageOverview.items.length === 0 ? (
          <EmptyState title="No active trial instances">
            Each active trial instance shows its users, monthly actives and PQL or Unused flags here once it is ready and sends
            telemetry. Instances are listed on the Instances page.
          </EmptyState>
        ) : (
          <>
            <UsageOverviewTable items={data.usageOverview.items} />
            {data.usageOverview.truncated ? (
              <Text size="xs" c="dimmed">
                Showing the first {data.usageOverview.items.length} trial instances by slug; the Instances page lists them all.
              </Text>
            ) : null}
          </>
        )}
      </Section>
    </Stack>
  );
}

function ReportSkeleton() {
  return (
    <Stack gap="md">
      <Skeleton height={220} radius="md" />
      <TableSkeleton label="Ongoing trials" columns={ONGOING_COLUMNS} rows={4} />
      <TableSkeleton label="Trial instance usage" columns={USAGE_COLUMNS} rows={4} />
    </Stack>
  );
}
