import { charts, type ChartColor } from "@/theme";

interface SparklineProps {
  /** Oldest first. Non-finite values count as 0. */
  values: readonly number[];
  /** What the values are, e.g. "Daily active users, last 30 days"; the accessible name adds the numbers. */
  label: string;
  color?: ChartColor;
  width?: number;
  height?: number;
}

const average = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** "…: latest 9, peak 12, average 4.2" or "…: no activity". Exported for tests and tooltips. */
export function describeSparkline(label: string, values: readonly number[]): string {
  const clean = values.map((v) => (Number.isFinite(v) ? v : 0));
  const last = clean[clean.length - 1];
  const peak = Math.max(0, ...clean);
  if (last === undefined || peak === 0) return `${label}: no activity`;
  const mean = clean.reduce((a, b) => a + b, 0) / clean.length;
  return `${label}: latest ${last}, peak ${peak}, average ${average.format(mean)}`;
}

/**
 * A tiny inline trend line (no axes): the zero line at the bottom, the peak at the top, the
 * latest value marked with a dot. An image to assistive tech, named with its numbers.
 */
export function Sparkline({ values, label, color = charts.series[0], width = charts.sparkline.width, height = charts.sparkline.height }: SparklineProps) {
  const description = describeSparkline(label, values);
  const clean = values.map((v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
  const pad = 2;
  const peak = Math.max(1, ...clean);
  const stroke = `var(--mantine-color-${color}-${charts.shade})`;
  const innerW = width - pad * 2;
  const innerH = height - pad * 2;
  const x = (i: number): number => pad + (clean.length <= 1 ? innerW : (i * innerW) / (clean.length - 1));
  const y = (v: number): number => pad + innerH - (v / peak) * innerH;
  const points = clean.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  const line = points.length > 0 ? `M${points.join(" L")}` : "";
  const area = points.length > 1 ? `${line} L${x(clean.length - 1).toFixed(1)},${pad + innerH} L${x(0).toFixed(1)},${pad + innerH} Z` : "";
  const lastIndex = clean.length - 1;
  const last = clean[lastIndex];

  return (
    <svg
      role="img"
      aria-label={description}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      style={{ display: "block", overflow: "visible" }}
      data-sparkline=""
    >
      <title>{description}</title>
      <line x1={pad} x2={width - pad} y1={pad + innerH} y2={pad + innerH} stroke="var(--mantine-color-gray-3)" strokeWidth={1} />
      {area ? <path d={area} fill={stroke} fillOpacity={0.12} stroke="none" /> : null}
      {line ? <path d={line} fill="none" stroke={stroke} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" /> : null}
      {last !== undefined ? <circle cx={x(lastIndex)} cy={y(last)} r={2} fill={stroke} /> : null}
    </svg>
  );
}
