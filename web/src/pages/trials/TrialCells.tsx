import { Badge, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { statusStyle } from "@/platform/status-colors";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { SlaClock } from "@/platform/ui/SlaClock";
import { describeDaysLeft, ordinal, type TrialView } from "@/pages/trials/api";
import { TakeTrialButton } from "@/pages/trials/TakeTrialButton";
import { tones } from "@/theme";

const dash = (
  <Text span c="dimmed" size="sm">
    —
  </Text>
);

/** The owner's name, or "I'm taking it" for growth when nobody owns it yet. */
export function OwnerCell({ trial }: { trial: TrialView }) {
  if (trial.growthOwner) return <Text size="sm">{trial.growthOwner.name}</Text>;
  return <TakeTrialButton trial={trial} fallback={<Text span c="dimmed" size="sm">Nobody yet</Text>} />;
}

/** T11 PQL and T9 Unused flags from the instance's usage. */
export function UsageBadges({ usage }: { usage: TrialView["usage"] }) {
  if (!usage || (!usage.pql && !usage.unused)) return dash;
  const badge = (key: "pql" | "unused") => {
    const style = statusStyle("usageFlag", key);
    return (
      <Badge key={key} size="sm" radius="sm" variant="light" color={tones[style.tone]} title={style.meaning} style={{ textTransform: "none" }}>
        {style.label}
      </Badge>
    );
  };
  return (
    <Group gap={4} wrap="nowrap">
      {usage.pql ? badge("pql") : null}
      {usage.unused ? badge("unused") : null}
    </Group>
  );
}

export function SlaCell({ trial }: { trial: TrialView }) {
  if (!trial.sla) return dash;
  return <SlaClock state={trial.sla.state} workingMsLeft={trial.sla.workingMsLeft} what="Provisioning SLA" dueAt={trial.sla.dueAt} />;
}

export interface BoardColumn {
  header: string;
  numeric?: boolean;
  cell: (trial: TrialView) => ReactNode;
}

const users = (t: TrialView): ReactNode => (t.usage ? t.usage.totalUsers : dash);
const mau = (t: TrialView): ReactNode => (t.usage ? t.usage.mau : dash);

/** The columns that matter in each part of the board. */
export const COLUMNS = {
  queued: [
    { header: "In line", cell: (t) => (t.queuePosition ? `${ordinal(t.queuePosition)} in line` : dash) },
    { header: "Approved", cell: (t) => <RelativeTime value={t.approvedAt} size="sm" /> },
  ],
  provisioning: [
    { header: "SLA", cell: (t) => <SlaCell trial={t} /> },
    { header: "Provisioner", cell: (t) => (t.provisioner === "webhook" ? "Webhook" : t.provisioner === "manual" ? "Manual (cloud ops)" : t.provisioner) },
    { header: "Attempt", numeric: true, cell: (t) => t.provisioningAttempt },
    {
      header: "Error",
      cell: (t) =>
        t.state === "provisioning_failed" && t.provisioningError ? (
          <Text size="sm" c={tones.danger} className="trellis-break">
            {t.provisioningError}
          </Text>
        ) : (
          dash
        ),
    },
  ],
  running: [
    { header: "Days left", cell: (t) => describeDaysLeft(t.daysLeft) },
    { header: "Users", numeric: true, cell: users },
    { header: "MAU", numeric: true, cell: mau },
    { header: "Flags", cell: (t) => <UsageBadges usage={t.usage} /> },
  ],
  ended: [
    { header: "Ended", cell: (t) => <RelativeTime value={t.endsAt} size="sm" /> },
    { header: "Users", numeric: true, cell: users },
    { header: "MAU", numeric: true, cell: mau },
    { header: "Flags", cell: (t) => <UsageBadges usage={t.usage} /> },
  ],
  closed: [
    { header: "Outcome", cell: (t) => t.closeReason ?? t.decision ?? dash },
    { header: "Closed", cell: (t) => <RelativeTime value={t.closedAt} size="sm" /> },
  ],
} satisfies Record<string, BoardColumn[]>;
