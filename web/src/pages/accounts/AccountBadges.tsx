import { Badge, Group, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import type { ReactElement } from "react";
import { tones } from "@/theme";
import { stageTone, useAccountsPack } from "@/pages/accounts/pack";

interface StageBadgeProps {
  stage: string | null;
  overridden: boolean;
  /** Why the account is in this stage (hover). */
  reason?: string | null | undefined;
  size?: "xs" | "sm" | "md";
}

/** The lifecycle stage as a pill coloured by its role; "overridden" when a person set it by hand. */
export function StageBadge({ stage, overridden, reason, size = "sm" }: StageBadgeProps) {
  const pack = useAccountsPack();
  if (!stage) {
    return (
      <Text size="sm" c="dimmed" span>
        No stage
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" component="span">
      <WithReason reason={reason}>
        <Badge color={tones[stageTone(pack.data, stage)]} variant="light" size={size} radius="sm" style={{ textTransform: "none" }}>
          <VisuallyHidden>Stage: </VisuallyHidden>
          {stage}
        </Badge>
      </WithReason>
      {overridden ? (
        <Badge color={tones.warning} variant="outline" size={size === "md" ? "sm" : "xs"} radius="sm" title="Set by hand: the automatic stage rules are paused until the override is cleared." style={{ textTransform: "none" }}>
          overridden
        </Badge>
      ) : null}
    </Group>
  );
}

/** The H2 segment, with the rule's reason on hover. */
export function SegmentBadge({ segment, reason, size = "sm" }: { segment: string | null; reason?: string | null | undefined; size?: "xs" | "sm" | "md" }) {
  if (!segment) {
    return (
      <Text size="sm" c="dimmed" span>
        Not segmented
      </Text>
    );
  }
  return (
    <WithReason reason={reason}>
      <Badge color={tones.accent} variant="light" size={size} radius="sm" style={{ textTransform: "none" }}>
        <VisuallyHidden>Segment: </VisuallyHidden>
        {segment}
      </Badge>
    </WithReason>
  );
}

/** The rule's reason as a tooltip on hover and keyboard focus (the badge becomes focusable for it). */
function WithReason({ reason, children }: { reason: string | null | undefined; children: ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip label={reason} multiline maw={360} events={{ hover: true, focus: true, touch: true }}>
      <span tabIndex={0} style={{ display: "inline-flex" }}>
        {children}
        <VisuallyHidden>({reason})</VisuallyHidden>
      </span>
    </Tooltip>
  );
}
