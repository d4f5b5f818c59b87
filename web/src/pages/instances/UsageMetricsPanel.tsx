import { Group, List, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useNow } from "@/platform/time";
import { Facts } from "@/platform/ui/Facts";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { Section } from "@/platform/ui/Section";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { InstanceSummary } from "@/pages/instances/api";
import {
  formatAverage,
  formatCount,
  formatPercent,
  formatRatio,
  lastActivityBand,
  seatUtilizationBand,
  usageScoreBand,
  type HealthBand,
} from "@/pages/instances/health";
import { VersionInfo } from "@/pages/instances/InstanceBadges";

/** A value with its S2 band and the thresholds that decide it. */
function Banded({ value, band, rule }: { value: ReactNode; band: HealthBand | null; rule: string }) {
  return (
    <Group gap={6} wrap="wrap" component="span">
      <span>{value}</span>
      {band ? <StatusPill domain="health" status={band} size="xs" /> : null}
      <Text span size="xs" c="dimmed">
        {rule}
      </Text>
    </Group>
  );
}

const yesNo = (v: boolean | null, unknown = "Unknown"): string => (v === null ? unknown : v ? "Yes" : "No");

/** The instance's derived usage now (server-computed), with S2 health colouring where S2 defines thresholds. */
export function UsageMetricsPanel({ instance }: { instance: InstanceSummary }) {
  const now = useNow();
  const m = instance.metrics;
  const seatsNote = instance.seats === null ? "No seats set: edit the instance to add them." : `of ${formatCount(instance.seats)} seats`;

  const activity: [string, ReactNode][] = [
    ["Total users", formatCount(m.totalUsers)],
    ["MAU (rolling 30 days)", formatCount(m.mau)],
    ["DAU (last full day)", formatCount(m.dau)],
    ["DAU, 4-week average", formatAverage(m.dau4wAvg)],
    ["Last month MAU", formatCount(m.lastMonthMau)],
    [
      "Usage score",
      <Banded
        value={m.usageScore === null ? "—" : formatRatio(m.usageScore)}
        band={usageScoreBand(m.usageScore)}
        rule={m.usageScore === null ? "4-week average DAU / last month MAU; needs last month's MAU" : "4-week avg DAU / last month MAU · ≥ 0.30 healthy, ≤ 0.20 poor"}
      />,
    ],
    [
      "MAU / seats",
      m.mauPerSeat === null && m.lastMonthMauPerSeat === null ? (
        <Text span size="sm" c="dimmed">
          — {seatsNote}
        </Text>
      ) : (
        <Banded
          value={`${formatPercent(m.mauPerSeat)} now · ${formatPercent(m.lastMonthMauPerSeat)} last month`}
          band={seatUtilizationBand(m.lastMonthMauPerSeat)}
          rule={`${seatsNote} · last month ≥ 80% healthy, < 50% poor`}
        />
      ),
    ],
    [
      "Last activity",
      m.lastActivityAt ? (
        <Banded value={<RelativeTime value={m.lastActivityAt} />} band={lastActivityBand(m.lastActivityAt, now)} rule="≤ 14 days healthy, ≥ 30 poor" />
      ) : (
        <Text span size="sm" c="dimmed">
          No events yet
        </Text>
      ),
    ],
  ];

  const setup: [string, ReactNode][] = [
    [
      "Version",
      <Group gap={6} component="span">
        <VersionInfo metrics={m} />
        {m.latestRelease ? (
          <Text span size="xs" c="dimmed">
            latest {m.latestRelease}
          </Text>
        ) : null}
      </Group>,
    ],
    ["Versions behind latest", m.versionsBehind === null ? "—" : formatCount(m.versionsBehind)],
    [
      "Code host configured",
      m.codeHostConfigured
        ? `Yes${m.codeHosts !== null ? ` · ${formatCount(m.codeHosts)} code ${m.codeHosts === 1 ? "host" : "hosts"}` : ""}${m.repositories !== null ? ` · ${formatCount(m.repositories)} repositories` : ""}`
        : "No",
    ],
    ["Other user joined", yesNo(m.nonAdminJoined)],
    ["Precise code intel", yesNo(m.preciseCodeIntel, "Not reported")],
    ["Last ping", <RelativeTime value={m.lastPingAt} empty="No ping yet" />],
    [
      "PQL (T11)",
      m.pqlMetAt ? (
        <span>
          Met <RelativeTime value={m.pqlMetAt} />
          {m.pqlCriteria.length > 0 ? (
            <List size="sm" mt={2} withPadding>
              {m.pqlCriteria.map((c) => (
                <List.Item key={c}>{c}</List.Item>
              ))}
            </List>
          ) : null}
        </span>
      ) : (
        <Text span size="sm" c="dimmed">
          Not met yet
        </Text>
      ),
    ],
  ];

  return (
    <Section title="Usage now">
      {m.unused && instance.status !== "terminated" ? (
        <Text size="sm" c="dimmed">
          Unused (T9): no code host is set up and no other user has joined. Trial instances that stay unused are warned, then
          terminated.
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Facts items={activity} />
        <Facts items={setup} />
      </SimpleGrid>
    </Section>
  );
}
