import { Badge, Text } from "@mantine/core";
import { statusStyle } from "@/platform/status-colors";
import { tones } from "@/theme";
import type { HealthBand } from "@/pages/health/api";

const scoreFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** "72.5", or "—" when there is no score. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined || !Number.isFinite(score) ? "—" : scoreFormat.format(score);
}

interface HealthBadgeProps {
  band: HealthBand | string | null;
  score: number | null;
  missingData?: boolean;
  size?: "xs" | "sm" | "md" | "lg";
}

/** The band as a coloured pill with the score in it ("Green 82"); an asterisk when it rests on missing data. */
export function HealthBadge({ band, score, missingData = false, size = "sm" }: HealthBadgeProps) {
  if (!band) {
    return (
      <Text span size="sm" c="dimmed" title="No health score yet: too few of its inputs are known (see the account's health panel).">
        No score
      </Text>
    );
  }
  const style = statusStyle("healthBand", band);
  const title = `${style.meaning} Score ${formatScore(score)} of 100.${missingData ? " Rests on missing data." : ""}`;
  return (
    <Badge color={tones[style.tone]} variant="light" size={size} radius="sm" title={title} style={{ textTransform: "none", fontVariantNumeric: "tabular-nums" }}>
      {style.label} {formatScore(score)}
      {missingData ? "*" : ""}
    </Badge>
  );
}
