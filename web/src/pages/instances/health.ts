/**
 * S2 health traits the instance page colours (process spec S2): healthy / poor thresholds,
 * concerning in between. The server computes the numbers; this only bands them for display.
 */

export type HealthBand = "healthy" | "concerning" | "poor";

/** Usage score = 4-week average DAU / last month MAU: ≥ 0.3 healthy, ≤ 0.2 poor. */
export function usageScoreBand(score: number | null): HealthBand | null {
  if (score === null || !Number.isFinite(score)) return null;
  if (score >= 0.3) return "healthy";
  if (score <= 0.2) return "poor";
  return "concerning";
}

/** Last month MAU / seats: ≥ 0.8 healthy, < 0.5 poor. */
export function seatUtilizationBand(ratio: number | null): HealthBand | null {
  if (ratio === null || !Number.isFinite(ratio)) return null;
  if (ratio >= 0.8) return "healthy";
  if (ratio < 0.5) return "poor";
  return "concerning";
}

/** Days since last activity: ≤ 14 healthy, ≥ 30 poor. */
export function lastActivityBand(lastActivityAt: string | null, now: number): HealthBand | null {
  if (!lastActivityAt) return null;
  const at = Date.parse(lastActivityAt);
  if (!Number.isFinite(at)) return null;
  const days = (now - at) / 86_400_000;
  if (days <= 14) return "healthy";
  if (days >= 30) return "poor";
  return "concerning";
}

const integer = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** "1,234", or "—" for no value. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "—" : integer.format(n);
}

/** "0.32" (ratios people compare with thresholds written as decimals). */
export function formatRatio(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "—" : decimal.format(n);
}

/** "45%" for 0.45. */
export function formatPercent(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "—" : `${integer.format(n * 100)}%`;
}

/** "4.6" for averages. */
export function formatAverage(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "—" : oneDecimal.format(n);
}
