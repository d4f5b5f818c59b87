import "uplot/dist/uPlot.min.css";

import { alpha, Group, Stack, Text, UnstyledButton, useMantineTheme, VisuallyHidden } from "@mantine/core";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import { charts, typography, type ChartColor } from "@/theme";

export interface ChartSeries {
  label: string;
  /** One value per day (null: no data that day, drawn as a gap). */
  values: readonly (number | null)[];
  /** A palette colour, or "reference" for threshold lines such as seats. */
  color: ChartColor | "reference";
  dashed?: boolean;
  /** Shade the area under the line. */
  fill?: boolean;
}

interface TimeSeriesChartProps {
  /** The chart's accessible name ("Active users per day"). */
  label: string;
  /** X values: UTC days, "YYYY-MM-DD", oldest first. */
  days: readonly string[];
  series: readonly ChartSeries[];
  /** Unit of the y axis, shown as its label ("users"). */
  unit: string;
  height?: number;
  /** Exact values in the readout and the screen-reader table (default: "1,234"). */
  formatValue?: (value: number) => string;
  /** One visible sentence under the chart (what it shows, where the data comes from). */
  description?: string;
}

const defaultFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
const formatDefault = (v: number): string => defaultFormat.format(v);
/** Whole-number steps only: these charts count people. */
const INTEGER_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];
const MIN_WIDTH = 240;

const dayToSeconds = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;

/**
 * A day-by-day line chart (uPlot on a canvas). Resizes with its container, cleans up on
 * unmount, shows a legend whose entries toggle their line and read out exact values for the
 * hovered day (the latest day otherwise). Assistive tech gets the figure's name and a
 * visually hidden table with every value.
 */
export function TimeSeriesChart({ label, days, series, unit, height = charts.height, formatValue = formatDefault, description }: TimeSeriesChartProps) {
  const theme = useMantineTheme();
  const mountRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(() => new Set());
  const hiddenRef = useRef(hidden);
  hiddenRef.current = hidden;
  const [cursorIdx, setCursorIdx] = useState<number | null>(null);

  const shade = (name: string, index: number): string => theme.colors[name]?.[index] ?? "#868e96";
  const colorOf = (s: ChartSeries): string => (s.color === "reference" ? shade(charts.reference, 6) : shade(s.color, charts.shade));
  const colorKey = series.map(colorOf).join(",");
  const axisColor = shade("gray", 7);
  const gridColor = shade("gray", 2);

  const data = useMemo<uPlot.AlignedData>(() => [days.map(dayToSeconds), ...series.map((s) => [...s.values])], [days, series]);

  useEffect(() => {
    const mount = mountRef.current;
    if (!mount || days.length === 0) return undefined;
    const font = `12px ${typography.fontFamily}`;
    const colors = colorKey.split(",");
    const options: uPlot.Options = {
      width: Math.max(MIN_WIDTH, Math.floor(mount.clientWidth)),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 7 } },
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil((max || 0) * 1.1))] },
      },
      axes: [
        { stroke: axisColor, font, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } },
        {
          label: unit,
          labelFont: font,
          labelSize: 18,
          stroke: axisColor,
          font,
          size: 48,
          incrs: INTEGER_INCRS,
          values: (_u, splits) => splits.map((v) => formatValue(v)),
          grid: { stroke: gridColor, width: 1 },
          ticks: { stroke: gridColor, width: 1 },
        },
      ],
      series: [
        {},
        ...series.map((s, i): uPlot.Series => {
          const color = colors[i] ?? axisColor;
          return {
            label: s.label,
            stroke: color,
            width: s.dashed ? 1.5 : 2,
            dash: s.dashed ? [6, 4] : undefined,
            fill: s.fill ? alpha(color, 0.1) : undefined,
            show: !hiddenRef.current.has(i),
            spanGaps: false,
            points: { show: days.length <= 45 && !s.dashed },
          };
        }),
      ],
      hooks: { setCursor: [(u) => setCursorIdx(u.cursor.idx ?? null)] },
    };
    const plot = new uPlot(options, data, mount);
    plotRef.current = plot;
    const observer = new ResizeObserver((entries) => {
      const width = Math.max(MIN_WIDTH, Math.floor(entries[0]?.contentRect.width ?? MIN_WIDTH));
      if (width !== plot.width) plot.setSize({ width, height });
    });
    observer.observe(mount);
    return () => {
      observer.disconnect();
      plot.destroy();
      if (plotRef.current === plot) plotRef.current = null;
    };
    // The options are rebuilt only when what they draw changes (the series' data or colours).
  }, [data, colorKey, axisColor, gridColor, height, unit, formatValue, days.length, series]);

  const toggle = (index: number) => {
    const next = new Set(hidden);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setHidden(next);
    plotRef.current?.setSeries(index + 1, { show: !next.has(index) });
  };

  const lastIndex = days.length - 1;
  const shownIndex = cursorIdx !== null && cursorIdx >= 0 && cursorIdx <= lastIndex ? cursorIdx : lastIndex;
  const shownDay = days[shownIndex];

  return (
    <Stack component="figure" gap={6} m={0} aria-label={label}>
      <Group gap="md" wrap="wrap" align="center">
        <Text size="xs" c="dimmed" aria-hidden="true" miw={120}>
          {shownDay ? `${cursorIdx === null ? "Latest" : "Day"}: ${shownDay}` : "No data"}
        </Text>
        {series.map((s, i) => {
          const off = hidden.has(i);
          const value = s.values[shownIndex];
          return (
            <Group key={s.label} gap={6} wrap="nowrap">
              <UnstyledButton
                aria-pressed={!off}
                title={off ? `Show ${s.label}` : `Hide ${s.label}`}
                onClick={() => toggle(i)}
                style={{ display: "inline-flex", alignItems: "center", gap: 6, opacity: off ? 0.45 : 1, borderRadius: 4, padding: "1px 4px" }}
              >
                <span
                  aria-hidden="true"
                  style={{ width: 14, height: 0, borderTop: `${s.dashed ? "2px dashed" : "3px solid"} ${colorOf(s)}`, display: "inline-block" }}
                />
                <Text size="xs" component="span" td={off ? "line-through" : undefined}>
                  {s.label}
                </Text>
              </UnstyledButton>
              <Text size="xs" fw={600} aria-hidden="true" ff="monospace">
                {value === null || value === undefined ? "—" : formatValue(value)}
              </Text>
            </Group>
          );
        })}
      </Group>
      {days.length === 0 ? (
        <Text size="sm" c="dimmed">
          No days in this range.
        </Text>
      ) : (
        <div ref={mountRef} aria-hidden="true" style={{ width: "100%", minHeight: height, overflow: "hidden" }} onMouseLeave={() => setCursorIdx(null)} />
      )}
      {description ? (
        <Text component="figcaption" size="xs" c="dimmed">
          {description}
        </Text>
      ) : null}
      <DataTable label={label} unit={unit} days={days} series={series} formatValue={formatValue} />
    </Stack>
  );
}

interface DataTableProps {
  label: string;
  unit: string;
  days: readonly string[];
  series: readonly ChartSeries[];
  formatValue: (value: number) => string;
}

/** Every value, for screen readers (the canvas is hidden from them). Memoised: hovering must not re-render it. */
const DataTable = memo(function DataTable({ label, unit, days, series, formatValue }: DataTableProps) {
  return (
    <VisuallyHidden>
      <table>
        <caption>
          {label}, by day ({unit})
        </caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((s) => (
              <th key={s.label} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day, r) => (
            <tr key={day}>
              <th scope="row">{day}</th>
              {series.map((s) => {
                const v = s.values[r];
                return <td key={s.label}>{v === null || v === undefined ? "no data" : formatValue(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  );
});
