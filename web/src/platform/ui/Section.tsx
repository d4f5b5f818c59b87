import { Badge, Group, Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { tones } from "@/theme";

interface SectionProps {
  title: string;
  /** true/false shows a Configured / Not configured badge; undefined shows none. */
  configured?: boolean;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled card on a page: an h2, an optional configured badge, its actions, then details. */
export function Section({ title, configured, actions, children }: SectionProps) {
  const headingId = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Group gap="sm">
            <Title order={2} size="h4" id={headingId}>
              {title}
            </Title>
            {configured === undefined ? null : (
              <Badge color={configured ? tones.success : tones.neutral} variant="light" style={{ textTransform: "none" }}>
                {configured ? "Configured" : "Not configured"}
              </Badge>
            )}
          </Group>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
