import { Group, Paper, SimpleGrid, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import { formatArr, formatArrShort, formatInt } from "@/pages/accounts/format";
import { quarterLabel, type ForecastNumbers, type ForecastQuarter } from "@/pages/renewals/api";
import { renewalStyle } from "@/pages/renewals/status";
import { tones } from "@/theme";

interface ForecastCardsProps {
  quarters: ForecastQuarter[];
  /** The quarter the list below shows (its card is pressed). */
  selected: string | undefined;
  onSelect: (quarter: string) => void;
}

/** R4: one card per quarter (renewals, ARR up, ARR at risk, expected ARR, each against last week); a card click lists its renewals. */
export function ForecastCards({ quarters, selected, onSelect }: ForecastCardsProps) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" role="group" aria-label="Forecast by quarter">
      {quarters.map((q) => (
        <QuarterCard key={q.quarter} quarter={q} pressed={q.quarter === selected} onSelect={() => onSelect(q.quarter)} />
      ))}
    </SimpleGrid>
  );
}

export function ForecastSkeleton() {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" aria-busy="true" aria-label="Loading the forecast">
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} height={150} radius="md" />
      ))}
    </SimpleGrid>
  );
}

const METRICS: { key: keyof ForecastNumbers; label: string; money: boolean; /** Up is good (expected ARR) or bad (at risk). */ upIs: "good" | "bad" | "neutral" }[] = [
  { key: "renewals", label: "Renewals", money: false, upIs: "neutral" },
  { key: "arrUp", label: "ARR up for renewal", money: true, upIs: "neutral" },
  { key: "arrAtRisk", label: "ARR at risk", money: true, upIs: "bad" },
  { key: "expectedArr", label: "Expected ARR", money: true, upIs: "good" },
];

function QuarterCard({ quarter: q, pressed, onSelect }: { quarter: ForecastQuarter; pressed: boolean; onSelect: () => void }) {
  const name = quarterLabel(q.quarter);
  const rated = (["green", "yellow", "red", "unrated"] as const).filter((r) => q.byRating[r] > 0);
  return (
    <UnstyledButton onClick={onSelect} aria-pressed={pressed} aria-label={`${name}: ${q.renewals} renewals, ${formatArr(q.expectedArr)} expected. Show its renewals`}>
      <Paper withBorder radius="md" p="md" h="100%" style={{ borderColor: pressed ? "var(--mantine-color-teal-6)" : undefined, borderWidth: pressed ? 2 : undefined }}>
        <Stack gap={6}>
          <Group justify="space-between">
            <Text fw={700}>{name}</Text>
            {pressed ? (
              <Text size="xs" c="dimmed">
                listed below
              </Text>
            ) : null}
          </Group>
          <Stack gap={2} component="dl" m={0}>
            {METRICS.map((m) => (
              <Group key={m.key} justify="space-between" wrap="nowrap" gap="xs">
                <Text component="dt" size="sm" c="dimmed">
                  {m.label}
                </Text>
                <Text component="dd" size="sm" m={0} fw={600} ta="right" style={{ fontVariantNumeric: "tabular-nums" }} title={m.money ? formatArr(q[m.key]) : undefined}>
                  {m.money ? formatArrShort(q[m.key]) : formatInt(q[m.key])}
                  <Delta now={q[m.key]} before={q.lastWeek?.[m.key]} money={m.money} upIs={m.upIs} />
                </Text>
              </Group>
            ))}
          </Stack>
          <ArrBar quarter={q} />
          <Text size="xs" c="dimmed">
            {rated.length ? `${rated.map((r) => `${q.byRating[r]} ${renewalStyle("rating", r).label.toLowerCase()}`).join(" · ")}.` : "No renewals this quarter."}
            {q.lastWeek ? "" : " No snapshot from last week yet."}
          </Text>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

/** "+$20K" against last week's snapshot, green or red by whether the move is good; nothing when unchanged or unknown. */
function Delta({ now, before, money, upIs }: { now: number; before: number | undefined; money: boolean; upIs: "good" | "bad" | "neutral" }) {
  if (before === undefined) return null;
  const diff = now - before;
  if (diff === 0) {
    return (
      <Text span size="xs" c="dimmed" fw={400} ml={6} title="Unchanged since last week">
        ±0
      </Text>
    );
  }
  const good = upIs === "neutral" ? null : (diff > 0) === (upIs === "good");
  const color = good === null ? "dimmed" : good ? tones.success : tones.danger;
  const text = `${diff > 0 ? "+" : "−"}${money ? formatArrShort(Math.abs(diff)) : formatInt(Math.abs(diff))}`;
  return (
    <Text span size="xs" c={color} fw={500} ml={6} title={`${text} since last week (was ${money ? formatArr(before) : formatInt(before)})`}>
      {text}
    </Text>
  );
}

/**
 * The quarter's ARR up for renewal as one bar: the part at risk in red, the rest of the
 * expected ARR in green, growth beyond the ARR up (incremental projections) in teal.
 */
function ArrBar({ quarter: q }: { quarter: ForecastQuarter }) {
  const atRisk = Math.min(q.arrAtRisk, q.arrUp);
  const safe = Math.max(0, Math.min(q.expectedArr, q.arrUp - atRisk));
  const growth = Math.max(0, q.expectedArr - q.arrUp);
  const total = Math.max(q.arrUp, q.expectedArr, 1);
  const label = `${formatArr(q.expectedArr)} expected of ${formatArr(q.arrUp)} up for renewal; ${formatArr(q.arrAtRisk)} at risk${growth ? `; ${formatArr(growth)} growth` : ""}`;
  const part = (value: number, tone: string) => (value > 0 ? <div style={{ width: `${(value / total) * 100}%`, background: `var(--mantine-color-${tone}-6)` }} /> : null);
  return (
    <div role="img" aria-label={label} title={label} style={{ display: "flex", height: 8, borderRadius: 4, overflow: "hidden", background: "var(--mantine-color-gray-2)" }}>
      {part(safe, tones.success)}
      {part(growth, tones.accent)}
      {part(atRisk, tones.danger)}
    </div>
  );
}
