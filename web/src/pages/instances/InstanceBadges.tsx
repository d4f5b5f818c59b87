import { Badge, Group, Text } from "@mantine/core";
import { statusStyle, type StatusDomain } from "@/platform/status-colors";
import { formatUtc } from "@/platform/time";
import type { UsageMetrics } from "@/pages/instances/api";
import { tones } from "@/theme";

function FlagBadge({ domain, status, title }: { domain: StatusDomain; status: string; title?: string }) {
  const style = statusStyle(domain, status);
  return (
    <Badge color={tones[style.tone]} variant="light" size="sm" radius="sm" title={title ?? style.meaning} style={{ textTransform: "none" }}>
      {style.label}
    </Badge>
  );
}

/** Unused (T9) and PQL (T11) flags, plus Terminated; nothing when none apply. */
export function UsageFlags({ metrics, status }: { metrics: UsageMetrics; status: string }) {
  const pqlTitle = metrics.pqlMetAt
    ? `${statusStyle("usageFlag", "pql").meaning} Since ${formatUtc(metrics.pqlMetAt)}${metrics.pqlCriteria.length ? `: ${metrics.pqlCriteria.join("; ")}` : ""}.`
    : undefined;
  const flags = [
    status === "terminated" ? <FlagBadge key="terminated" domain="instance" status="terminated" /> : null,
    metrics.pqlMetAt ? <FlagBadge key="pql" domain="usageFlag" status="pql" title={pqlTitle} /> : null,
    metrics.unused && status !== "terminated" ? <FlagBadge key="unused" domain="usageFlag" status="unused" /> : null,
  ].filter(Boolean);
  if (flags.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        —
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      {flags}
    </Group>
  );
}

/** "5.2.1" with "2 behind" when older than the latest release. */
export function VersionInfo({ metrics }: { metrics: UsageMetrics }) {
  if (!metrics.version) {
    return (
      <Text c="dimmed" size="sm" title="No ping has reported a version yet.">
        —
      </Text>
    );
  }
  const behind = metrics.versionsBehind ?? 0;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" ff="monospace">
        {metrics.version}
      </Text>
      {behind > 0 ? (
        <Badge
          size="xs"
          variant="light"
          color={tones.warning}
          style={{ textTransform: "none" }}
          title={metrics.latestRelease ? `Latest release is ${metrics.latestRelease}.` : undefined}
        >
          {behind} behind
        </Badge>
      ) : null}
    </Group>
  );
}
