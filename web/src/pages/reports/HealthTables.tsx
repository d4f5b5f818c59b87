import { Group, Progress, Table, Text, Tooltip } from "@mantine/core";
import { statusStyle } from "@/platform/status-colors";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { DataTable } from "@/platform/ui/DataTable";
import { tones } from "@/theme";
import { formatScore, HealthBadge } from "@/pages/health/HealthBadge";
import type { BandCounts, HealthOverview } from "@/pages/reports/api";

const BANDS = ["green", "yellow", "red"] as const;
const count = new Intl.NumberFormat("en");
const pct = (n: number, total: number): string => (total === 0 ? "0%" : `${Math.round((n / total) * 100)}%`);

/** The bands (and unscored) as one stacked bar; each part names its exact count on hover and to assistive tech. */
export function BandBar({ counts, label, size = "xl" }: { counts: BandCounts; label: string; size?: "sm" | "md" | "xl" }) {
  const total = counts.green + counts.yellow + counts.red + counts.unscored;
  const parts = [
    ...BANDS.map((b) => ({ key: b, name: statusStyle("healthBand", b).label, n: counts[b], color: tones[statusStyle("healthBand", b).tone] })),
    { key: "unscored", name: "Unscored", n: counts.unscored, color: tones.neutral },
  ];
  const summary = parts.map((p) => `${p.name} ${count.format(p.n)}`).join(", ");
  return (
    <Progress.Root size={size} aria-label={`${label}: ${summary}`} role="img">
      {parts
        .filter((p) => p.n > 0)
        .map((p) => (
          <Tooltip key={p.key} label={`${p.name}: ${count.format(p.n)} (${pct(p.n, total)})`}>
            <Progress.Section value={(p.n / Math.max(1, total)) * 100} color={p.color} />
          </Tooltip>
        ))}
    </Progress.Root>
  );
}

/** The legend under the book's bar: each band's count and share. */
export function BandLegend({ counts }: { counts: BandCounts }) {
  const total = counts.green + counts.yellow + counts.red + counts.unscored;
  return (
    <Group gap="lg" role="list" aria-label="Accounts by health band">
      {[...BANDS, "unscored" as const].map((b) => (
        <Text key={b} size="sm" role="listitem">
          <Text span fw={600} c={b === "unscored" ? "dimmed" : tones[statusStyle("healthBand", b).tone]}>
            {b === "unscored" ? "Unscored" : statusStyle("healthBand", b).label}
          </Text>{" "}
          {count.format(counts[b])} ({pct(counts[b], total)})
        </Text>
      ))}
    </Group>
  );
}

const COUNT_COLUMNS = ["Green", "Yellow", "Red", "Unscored", "Average score"];

function CountCells({ r }: { r: BandCounts & { averageScore: number | null } }) {
  return (
    <>
      <Table.Td ta="right">{count.format(r.green)}</Table.Td>
      <Table.Td ta="right">{count.format(r.yellow)}</Table.Td>
      <Table.Td ta="right">{count.format(r.red)}</Table.Td>
      <Table.Td ta="right">{count.format(r.unscored)}</Table.Td>
      <Table.Td ta="right">{formatScore(r.averageScore)}</Table.Td>
    </>
  );
}

export function SegmentTable({ rows }: { rows: HealthOverview["bySegment"] }) {
  return (
    <DataTable label="Health by segment" columns={["Segment", "Bands", ...COUNT_COLUMNS]} numeric={COUNT_COLUMNS} striped>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.segment ?? ""}>
            <Table.Td>{r.segment ?? <Text span c="dimmed" size="sm">No segment</Text>}</Table.Td>
            <Table.Td miw={160}>
              <BandBar counts={r} label={`${r.segment ?? "No segment"} bands`} size="md" />
            </Table.Td>
            <CountCells r={r} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

const ROLE_LABEL = { ta: "TA", ae: "AE" } as const;

export function OwnerTable({ rows }: { rows: HealthOverview["byOwner"] }) {
  return (
    <DataTable label="Health by owner" columns={["Owner", "Seat", "Bands", ...COUNT_COLUMNS]} numeric={COUNT_COLUMNS} striped>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.role}-${r.owner?.id ?? "none"}`}>
            <Table.Td>{r.owner ? r.owner.name : <Text span c="dimmed" size="sm">No {ROLE_LABEL[r.role]}</Text>}</Table.Td>
            <Table.Td>{ROLE_LABEL[r.role]}</Table.Td>
            <Table.Td miw={160}>
              <BandBar counts={r} label={`${r.owner?.name ?? `No ${ROLE_LABEL[r.role]}`} (${ROLE_LABEL[r.role]}) bands`} size="md" />
            </Table.Td>
            <CountCells r={r} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

const signed = new Intl.NumberFormat("en", { maximumFractionDigits: 1, signDisplay: "exceptZero" });

export function MoversTable({ rows }: { rows: HealthOverview["movers"] }) {
  return (
    <DataTable label="Health movers" columns={["Account", "Direction", "7 days ago", "Now", "Change"]} numeric={["Change"]}>
      <Table.Tbody>
        {rows.map((m) => (
          <Table.Tr key={m.account.id}>
            <Table.Td>
              <AnchorLink to="/accounts/$accountId" params={{ accountId: m.account.id }} size="sm">
                {m.account.name}
              </AnchorLink>
            </Table.Td>
            <Table.Td>{m.direction === "down" ? "Down" : "Up"}</Table.Td>
            <Table.Td>
              <HealthBadge band={m.from.band} score={m.from.score} size="xs" />
            </Table.Td>
            <Table.Td>
              <HealthBadge band={m.to.band} score={m.to.score} size="xs" />
            </Table.Td>
            <Table.Td ta="right" c={m.delta < 0 ? tones.danger : m.delta > 0 ? tones.success : undefined}>
              {signed.format(m.delta)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}

const weekFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** One stacked bar per week (bands as of the week's end), with the exact counts beside it. */
export function TrendTable({ weeks }: { weeks: HealthOverview["trend"] }) {
  return (
    <DataTable label="Health trend by week" columns={["Week of", "Bands", "Green", "Yellow", "Red", "Average score"]} numeric={["Green", "Yellow", "Red", "Average score"]}>
      <Table.Tbody>
        {weeks.map((w) => (
          <Table.Tr key={w.week}>
            <Table.Td title={`Week starting Monday ${w.week} (UTC)`}>{weekFormat.format(new Date(`${w.week}T00:00:00Z`))}</Table.Td>
            <Table.Td miw={200}>
              {w.green + w.yellow + w.red === 0 ? (
                <Text span size="xs" c="dimmed">
                  No scores yet
                </Text>
              ) : (
                <BandBar counts={{ ...w, unscored: 0 }} label={`Week of ${w.week}`} size="md" />
              )}
            </Table.Td>
            <Table.Td ta="right">{count.format(w.green)}</Table.Td>
            <Table.Td ta="right">{count.format(w.yellow)}</Table.Td>
            <Table.Td ta="right">{count.format(w.red)}</Table.Td>
            <Table.Td ta="right">{formatScore(w.averageScore)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}
