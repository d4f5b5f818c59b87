import { Group, Stack, Text, Title } from "@mantine/core";
import type { LinkProps } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { AnchorLink } from "@/platform/ui/AnchorLink";

type LinkTo = NonNullable<LinkProps["to"]>;

/** Where a record sits: its list, linked above the title as "List /". */
export function Crumb({ to, label }: { to: LinkTo; label: string }) {
  return (
    <Text size="xs">
      <AnchorLink to={to} size="xs">
        {label}
      </AnchorLink>{" "}
      /
    </Text>
  );
}

interface RecordHeaderProps {
  crumb: { to: LinkTo; label: string };
  title: string;
  /** The status pill and the short facts beside it. */
  badges: ReactNode;
  /** Lines of detail under the badges. */
  children?: ReactNode;
  /** The record's actions, as verbs. */
  actions?: ReactNode;
}

/** A record page's header (ux.md): where it sits, its name as the h1, the facts that matter, its actions. */
export function RecordHeader({ crumb, title, badges, children, actions }: RecordHeaderProps) {
  return (
    <Stack gap="sm">
      <Crumb {...crumb} />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Title order={1}>{title}</Title>
          <Group gap="xs" wrap="wrap">
            {badges}
          </Group>
          {children}
        </Stack>
        {actions}
      </Group>
    </Stack>
  );
}
