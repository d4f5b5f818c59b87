import { Box, Group, Text, ThemeIcon } from "@mantine/core";
import { statusStyle } from "@/platform/status-colors";
import type { Capacity } from "@/pages/trials/api";
import type { QualificationCheck } from "@/pages/leads/api";
import { colors, tones } from "@/theme";

const ICON: Record<QualificationCheck["outcome"], string> = { pass: "✓", fail: "✕", info: "i" };

/** T4: each automatic check with its verdict (icon and word) and the reason, then the remaining capacity (T5). */
export function ChecksList({ checks, capacity }: { checks: QualificationCheck[]; capacity: Capacity }) {
  return (
    <Box component="ul" aria-label="Qualification checks" m={0} p={0} style={{ listStyle: "none" }}>
      {checks.map((c) => {
        const style = statusStyle("check", c.outcome);
        return (
          <Box component="li" key={c.id} py={6} style={{ borderBottom: `1px solid ${colors.border}` }}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon size="sm" radius="xl" variant="light" color={tones[style.tone]} aria-hidden="true">
                <Text size="xs" fw={700} span>
                  {ICON[c.outcome] ?? "?"}
                </Text>
              </ThemeIcon>
              <div>
                <Text size="sm" fw={500}>
                  {c.label}{" "}
                  <Text span size="xs" c={tones[style.tone]} fw={600}>
                    ({style.label})
                  </Text>
                </Text>
                <Text size="sm" c="dimmed" className="trellis-break">
                  {c.reason}
                </Text>
              </div>
            </Group>
          </Box>
        );
      })}
      <Box component="li" py={6}>
        <Text size="sm">
          <Text span fw={500}>
            Remaining capacity:
          </Text>{" "}
          {capacity.remaining} of {capacity.max} trial instances free
          {capacity.queued > 0 ? `, ${capacity.queued} approved ${capacity.queued === 1 ? "trial waits" : "trials wait"} in line` : ""}.
          {capacity.remaining <= 0 ? " Approving now queues the trial until a slot frees (T5)." : ""}
        </Text>
      </Box>
    </Box>
  );
}
