import { Badge, Group, SegmentedControl, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { formatUtc } from "@/platform/time";
import { EmptyState } from "@/platform/ui/EmptyState";
import { ErrorState } from "@/platform/ui/ErrorState";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { TimeSeriesChart, type ChartSeries } from "@/platform/ui/TimeSeriesChart";
import { ingestUrl, instanceUsageQuery, type Feature, type UsageSeries } from "@/pages/instances/api";
import { formatCount } from "@/pages/instances/health";
import { USAGE_RANGES, type UsageRange } from "@/pages/instances/search";
import { charts } from "@/theme";

interface UsageChartsProps {
  instanceId: string;
  range: UsageRange;
  onRangeChange: (range: UsageRange) => void;
}

/** Usage over time for the chosen range: active users, users against seats, and monthly actives. */
export function UsageCharts({ instanceId, range, onRangeChange }: UsageChartsProps) {
  const usage = useQuery({ ...instanceUsageQuery(instanceId, Number(range)), placeholderData: keepPreviousData });

  let body;
  if (usage.isPending) {
    body = (
      <Stack gap="md" aria-busy="true">
        <VisuallyHidden role="status">Loading usage…</VisuallyHidden>
        <Skeleton height={charts.height} />
        <Skeleton height={charts.height} />
      </Stack>
    );
  } else if (usage.isError && !usage.data) {
    body = <ErrorState error={usage.error} what="load the usage charts" onRetry={() => void usage.refetch()} retrying={usage.isFetching} />;
  } else {
    body = <Charts usage={usage.data} range={range} dimmed={usage.isPlaceholderData} />;
  }

  return (
    <Section
      title="Usage over time"
      actions={
        <SegmentedControl
          size="xs"
          aria-label="Range"
          value={range}
          onChange={(v) => onRangeChange(v as UsageRange)}
          data={USAGE_RANGES.map((r) => ({ value: r, label: `${r} days` }))}
        />
      }
    >
      {body}
    </Section>
  );
}

function Charts({ usage, range, dimmed }: { usage: UsageSeries; range: UsageRange; dimmed: boolean }) {
  const days = useMemo(() => usage.days.map((d) => d.day), [usage.days]);
  const activeSeries = useMemo<ChartSeries[]>(
    () => [
      { label: "Active users (events)", values: usage.days.map((d) => d.activeUsers), color: "teal", fill: true },
      { label: "DAU (ping)", values: usage.days.map((d) => d.ping?.dau ?? null), color: "blue" },
      { label: "WAU (ping)", values: usage.days.map((d) => d.ping?.wau ?? null), color: "violet" },
      { label: "MAU (ping)", values: usage.days.map((d) => d.ping?.mau ?? null), color: "orange" },
    ],
    [usage.days],
  );
  const seatSeries = useMemo<ChartSeries[]>(() => {
    const list: ChartSeries[] = [
      { label: "Total users (ping)", values: usage.days.map((d) => d.ping?.totalUsers ?? null), color: "blue", fill: true },
      { label: "MAU (ping)", values: usage.days.map((d) => d.ping?.mau ?? null), color: "orange" },
    ];
    if (usage.seats !== null) list.push({ label: "Seats", values: usage.days.map(() => usage.seats), color: "reference", dashed: true });
    return list;
  }, [usage.days, usage.seats]);

  const anyEvents = usage.days.some((d) => d.events > 0 || d.activeUsers > 0);
  const anyPing = usage.days.some((d) => d.ping !== null);

  if (!anyEvents && !anyPing) {
    return (
      <EmptyState title={`No telemetry in the last ${range} days`}>
        Charts appear once the instance sends events to {ingestUrl("events")} or daily pings to {ingestUrl("pings")} with its
        ingestion token. Choose a longer range to look further back.
      </EmptyState>
    );
  }

  return (
    <Stack gap="lg" style={{ opacity: dimmed ? 0.6 : 1, transition: "opacity 120ms" }} aria-busy={dimmed || undefined}>
      <Text size="xs" c="dimmed">
        {usage.from} to {usage.to} (UTC days; the last one is today, still in progress). Hover a chart for exact values; click a
        legend entry to hide or show its line.
      </Text>
      <Stack gap={4}>
        <Title order={3} size="h5">
          Daily, weekly and monthly active users
        </Title>
        <TimeSeriesChart
          label="Active users per day"
          days={days}
          series={activeSeries}
          unit="users"
          description={
            anyPing
              ? "Active users: distinct users with events that day. DAU, WAU and MAU: as the instance's daily ping reported them (gaps: no ping that day)."
              : "Active users: distinct users with events that day. The instance has sent no daily ping in this range, so ping DAU, WAU and MAU are empty."
          }
        />
      </Stack>
      <Stack gap={4}>
        <Title order={3} size="h5">
          Users against seats
        </Title>
        <TimeSeriesChart
          label="Users against seats"
          days={days}
          series={seatSeries}
          unit="users"
          description={
            usage.seats === null
              ? "Total users and MAU from the daily ping. No seats are set: edit the instance to draw the seats line."
              : `Total users and MAU from the daily ping; the dashed line is the ${formatCount(usage.seats)} licensed seats.`
          }
        />
      </Stack>
      {usage.months.length > 0 ? <MonthlyActives months={usage.months} /> : null}
    </Stack>
  );
}

function MonthlyActives({ months }: { months: UsageSeries["months"] }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        Monthly active users
      </Title>
      <Table.ScrollContainer minWidth={320}>
        <Table aria-label="Monthly active users" withColumnBorders={false} w="auto">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Month</Table.Th>
              {months.map((m) => (
                <Table.Th key={m.month} scope="col" ta="right" className="trellis-nowrap">
                  {m.month}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row" fw={400}>
                Active users (events)
              </Table.Th>
              {months.map((m) => (
                <Table.Td key={m.month} ta="right">
                  {formatCount(m.activeUsers)}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** P2: which product features the instance has used, since when and by whom; never-used ones greyed. */
export function FeatureAdoption({ features }: { features: Feature[] }) {
  const sorted = useMemo(
    () =>
      [...features].sort((a, b) => {
        if (a.firstUsedAt && b.firstUsedAt) return a.firstUsedAt.localeCompare(b.firstUsedAt);
        if (a.firstUsedAt) return -1;
        if (b.firstUsedAt) return 1;
        return a.label.localeCompare(b.label);
      }),
    [features],
  );
  const used = features.filter((f) => f.firstUsedAt).length;

  return (
    <Section title="Feature adoption">
      {features.length === 0 ? (
        <Text size="sm" c="dimmed">
          The process pack names no product features to track. An admin can list them (with the events that count as using each)
          in the pack's usage section.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {used} of {features.length} features used. A feature counts as adopted from its first event (or the first ping listing
            it); each first use is also a signal on the timeline.
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Feature adoption">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Feature</Table.Th>
                  <Table.Th scope="col">First used</Table.Th>
                  <Table.Th scope="col">First user</Table.Th>
                  <Table.Th scope="col">Seen in</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((f) => {
                  const never = !f.firstUsedAt;
                  return (
                    <Table.Tr key={f.key} c={never ? "dimmed" : undefined} style={never ? { opacity: 0.6 } : undefined}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={never ? 400 : 500} c={never ? "dimmed" : undefined}>
                            {f.label}
                          </Text>
                          {never ? (
                            <Badge size="xs" variant="outline" color="gray" style={{ textTransform: "none" }}>
                              Never used
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {f.firstUsedAt ? (
                          <span title={formatUtc(f.firstUsedAt)}>
                            {f.firstUsedAt.slice(0, 10)} · <RelativeTime value={f.firstUsedAt} />
                          </span>
                        ) : (
                          "—"
                        )}
                      </Table.Td>
                      <Table.Td className="trellis-break">
                        <Text size="sm" ff={f.firstUserKey ? "monospace" : undefined} c={f.firstUserKey ? undefined : "dimmed"}>
                          {f.firstUserKey ?? "—"}
                        </Text>
                      </Table.Td>
                      <Table.Td>{never ? "—" : f.source === "ping" ? "Daily ping" : f.source === "event" ? "Events" : "—"}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Section>
  );
}
