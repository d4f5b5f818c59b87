import { Group, Paper, Progress, Text } from "@mantine/core";
import type { Capacity } from "@/pages/trials/api";
import { tones } from "@/theme";

/** T5: how many trial instances are in use against the cap, and how many approvals wait for a slot. */
export function CapacityBanner({ capacity }: { capacity: Capacity }) {
  const { max, used, queued, remaining } = capacity;
  const full = remaining <= 0;
  const tone = full ? tones.danger : used / Math.max(1, max) >= 0.8 ? tones.warning : tones.success;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label="Capacity">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm">
          <Text span fw={600}>
            {used} of {max}
          </Text>{" "}
          trial instances in use ·{" "}
          {full ? "full: new approvals wait in line" : `${remaining} ${remaining === 1 ? "slot" : "slots"} free`} ·{" "}
          <Text span fw={600}>
            {queued}
          </Text>{" "}
          queued
        </Text>
        <Progress
          value={Math.min(100, (used / Math.max(1, max)) * 100)}
          color={tone}
          w={220}
          aria-label={`Trial instances in use: ${used} of ${max}`}
        />
      </Group>
    </Paper>
  );
}
