import { SegmentedControl, Skeleton, Stack, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { nowMs } from "@/platform/time";
import { ErrorState } from "@/platform/ui/ErrorState";
import { TimeSeriesChart, type ChartSeries } from "@/platform/ui/TimeSeriesChart";
import { charts } from "@/theme";
import { useAccountsPack } from "@/pages/accounts/pack";
import { healthHistoryQuery, type HealthHistoryItem } from "@/pages/health/api";
import { formatScore } from "@/pages/health/HealthBadge";

const RANGES = ["30", "90", "180"] as const;
type Range = (typeof RANGES)[number];
const DAY_MS = 86_400_000;

/** UTC days from `count - 1` days before `endMs` up to its day, oldest first. */
function lastDays(count: number, endMs: number): string[] {
  const end = Math.floor(endMs / DAY_MS) * DAY_MS;
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** The account's current score and since when it holds (its latest history row, maybe before the range). */
export interface LatestScore {
  score: number | null;
  since: string | null;
}

/**
 * The score each day ended with: a score holds until the next recompute changes it, so a day
 * without a change carries the previous score. The history covers only the range, so what held
 * at its start is known only when the latest score is older than the range (then it held all
 * along); otherwise days before the first score in range have none.
 */
export function dailyScores(items: readonly HealthHistoryItem[], days: readonly string[], latest?: LatestScore): (number | null)[] {
  const sorted = [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const rangeStart = days[0] ? Date.parse(`${days[0]}T00:00:00Z`) : Number.NaN;
  const latestAt = latest?.since ? Date.parse(latest.since) : Number.NaN;
  let next = 0;
  let current: number | null = latestAt < rangeStart ? (latest?.score ?? null) : null;
  return days.map((day) => {
    const endOfDay = Date.parse(`${day}T00:00:00Z`) + DAY_MS;
    while (next < sorted.length && Date.parse(sorted[next]?.at ?? "") < endOfDay) {
      current = sorted[next]?.score ?? null;
      next += 1;
    }
    return current;
  });
}

/** The score over the last 30/90/180 days against the pack's green and yellow lines. */
export function HealthTrend({ accountId, latest }: { accountId: string; latest: LatestScore }) {
  // 30 days by default: the chart marks each day's point up to 45 days, so a first score shows.
  const [range, setRange] = useState<Range>("30");
  const history = useQuery({ ...healthHistoryQuery(accountId, Number(range)), placeholderData: keepPreviousData });
  const pack = useAccountsPack();
  const bands = pack.data?.health?.bands;
  const items = history.data?.items;
  const days = useMemo(() => lastDays(Number(range), nowMs()), [range]);
  const series = useMemo<ChartSeries[]>(() => {
    const list: ChartSeries[] = [{ label: "Health score", values: dailyScores(items ?? [], days, latest), color: charts.series[0], fill: true }];
    if (bands) {
      list.push({ label: `Green from ${bands.green}`, values: days.map(() => bands.green), color: "reference", dashed: true });
      list.push({ label: `Yellow from ${bands.yellow}`, values: days.map(() => bands.yellow), color: "orange", dashed: true });
    }
    return list;
  }, [items, days, bands, latest]);
  const scored = series[0]?.values.filter((v) => v !== null).length ?? 0;

  let body;
  if (history.isPending) body = <Skeleton height={charts.height} aria-label="Loading the health trend" />;
  else if (history.isError && !history.data) body = <ErrorState error={history.error} what="load the health history" onRetry={() => void history.refetch()} retrying={history.isFetching} />;
  else if (scored === 0)
    body = (
      <Text size="sm" c="dimmed" role="status">
        No score history in the last {range} days. Every recompute that changes the score (usage, a ticket, an activity, a trait) adds a point here.
      </Text>
    );
  else
    body = (
      <div style={{ opacity: history.isPlaceholderData ? 0.6 : 1 }} aria-busy={history.isPlaceholderData || undefined}>
        <TimeSeriesChart
          label="Health score per day"
          days={days}
          series={series}
          unit="score"
          formatValue={formatScore}
          description={`The score each UTC day ended with (0–100); it changes when a recompute changes it.${scored === 1 ? " One day scored so far." : ""}${bands ? ` Dashed: the pack's band lines (green from ${bands.green}, yellow from ${bands.yellow}, red below).` : ""}`}
        />
      </div>
    );

  return (
    <Stack gap={6}>
      <SegmentedControl
        size="xs"
        aria-label="Health trend range"
        value={range}
        onChange={(v) => setRange(v as Range)}
        data={RANGES.map((r) => ({ value: r, label: `${r} days` }))}
        style={{ alignSelf: "flex-start" }}
      />
      {body}
    </Stack>
  );
}
