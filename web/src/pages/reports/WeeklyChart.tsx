import { useMemo } from "react";
import { TimeSeriesChart, type ChartSeries } from "@/platform/ui/TimeSeriesChart";
import type { WeeklyPoint } from "@/pages/reports/api";

/** Signups per week and how many of them were qualified and handed off (one point per Monday). */
export function WeeklyChart({ weeks }: { weeks: WeeklyPoint[] }) {
  const days = useMemo(() => weeks.map((w) => w.weekStart), [weeks]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: "Signups", values: weeks.map((w) => w.signups), color: "teal", fill: true },
      { label: "Qualified", values: weeks.map((w) => w.qualified), color: "blue" },
      { label: "Handed off", values: weeks.map((w) => w.handedOff), color: "violet" },
    ],
    [weeks],
  );
  const partial = weeks.some((w) => w.days < 7);
  return (
    <TimeSeriesChart
      label="Signups per week"
      days={days}
      series={series}
      unit="leads"
      description={`Each point is a week starting Monday (UTC): the leads who signed up that week, and how many of them have been qualified and handed off so far.${
        partial ? " The first or last week is only partly inside the period." : ""
      }`}
    />
  );
}
