import { Group, Text } from "@mantine/core";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { TrialUsage } from "@/pages/reports/api";

/** T11 PQL and T9 Unused flags of a trial instance; a dash when neither applies. */
export function TrialUsageFlags({ usage }: { usage: TrialUsage }) {
  if (!usage.pql && !usage.unused) {
    return (
      <Text c="dimmed" size="sm">
        —
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" title={usage.pqlCriteria.length ? `PQL: ${usage.pqlCriteria.join("; ")}` : undefined}>
      {usage.pql ? <StatusPill domain="usageFlag" status="pql" /> : null}
      {usage.unused ? <StatusPill domain="usageFlag" status="unused" /> : null}
    </Group>
  );
}
