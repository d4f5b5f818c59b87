import { Badge, Button, Group, Text } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useSession } from "@/platform/auth";
import { useNow } from "@/platform/time";
import { RecordHeader } from "@/platform/ui/RecordHeader";
import { tones } from "@/theme";
import { accountRoles, deploymentLabel, type AccountDetail } from "@/pages/accounts/api";
import { SegmentBadge, StageBadge } from "@/pages/accounts/AccountBadges";
import { AccountFormModal } from "@/pages/accounts/AccountFormModal";
import { CloseDialog } from "@/pages/accounts/CloseDialog";
import { daysUntil, formatArr, formatDay, formatInt } from "@/pages/accounts/format";
import { AssignTaDialog, SupportLevelDialog } from "@/pages/accounts/HandoffDialogs";
import { KickoffDialog } from "@/pages/accounts/KickoffDialog";
import { HealthBadge } from "@/pages/health/HealthBadge";

type Dialog = "edit" | "supportLevel" | "assignTa" | "close" | "kickoff" | null;

/** Name, stage, segment, type and the deal's numbers; the hand-off actions the signed-in role may take. */
export function AccountHeader({ account: a }: { account: AccountDetail }) {
  const session = useSession();
  const role = session?.user.role ?? "";
  const now = useNow();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  const renewalIn = a.contractEnd ? daysUntil(a.contractEnd, now) : null;
  const closeIn = a.expectedCloseDate && !a.closedOn ? daysUntil(a.expectedCloseDate, now) : null;
  const facts: [string, ReactNode][] = [
    ["ARR", formatArr(a.arr)],
    ["Seats", formatInt(a.seats)],
    ["Renewal", a.contractEnd ? `${formatDay(a.contractEnd)}${renewalIn !== null ? ` (${relativeDays(renewalIn)})` : ""}` : "—"],
    ["Deployment", deploymentLabel(a.deployment)],
    a.closedOn ? ["Closed", formatDay(a.closedOn)] : ["Expected close", a.expectedCloseDate ? `${formatDay(a.expectedCloseDate)}${closeIn !== null ? ` (${relativeDays(closeIn)})` : ""}` : "—"],
  ];

  const actions: ReactNode[] = [];
  if (accountRoles.supportLevel.has(role))
    actions.push(
      <Button key="level" variant={a.taSupportLevel ? "default" : "filled"} onClick={() => setDialog("supportLevel")}>
        {a.taSupportLevel ? "Change TA support level" : "Set TA support level"}
      </Button>,
    );
  if (accountRoles.assignTa.has(role))
    actions.push(
      <Button key="ta" variant={a.ta || !a.taSupportLevel ? "default" : "filled"} onClick={() => setDialog("assignTa")}>
        {a.ta ? "Change TA" : "Assign TA"}
      </Button>,
    );
  if (accountRoles.close.has(role) && !a.closedOn)
    actions.push(
      <Button key="close" variant="default" onClick={() => setDialog("close")}>
        Record close
      </Button>,
    );
  if (accountRoles.kickoff.has(role) && a.closedOn)
    actions.push(
      <Button key="kickoff" variant={a.engagementPlan ? "default" : "filled"} onClick={() => setDialog("kickoff")}>
        Record kickoff
      </Button>,
    );
  if (accountRoles.edit.has(role))
    actions.push(
      <Button key="edit" variant="default" onClick={() => setDialog("edit")}>
        Edit account
      </Button>,
    );

  return (
    <>
      <RecordHeader
        crumb={{ to: "/accounts", label: "Accounts" }}
        title={a.name}
        badges={
          <>
            {a.stage ? <StageBadge stage={a.stage} overridden={a.stageOverridden} reason={a.stageReason} size="md" /> : null}
            {a.segment ? <SegmentBadge segment={a.segment} reason={a.segmentReason} size="md" /> : null}
            {a.health?.band ? <HealthBadge band={a.health.band} score={a.health.score} missingData={a.health.missingData} size="md" /> : null}
            <Badge variant="outline" color={tones.neutral} size="md" radius="sm" style={{ textTransform: "none" }}>
              {a.accountType}
            </Badge>
            {a.strategic ? (
              <Badge variant="outline" color={tones.accent} size="md" radius="sm" style={{ textTransform: "none" }}>
                Strategic
              </Badge>
            ) : null}
            <Badge variant="light" color={a.inBook ? tones.success : tones.neutral} size="md" radius="sm" style={{ textTransform: "none" }}>
              {a.inBook ? "In the book" : "Not in the book"}
            </Badge>
          </>
        }
        actions={actions.length ? <Group gap="xs">{actions}</Group> : undefined}
      >
        <Group gap="lg" wrap="wrap" component="dl" m={0}>
          {facts.map(([term, value]) => (
            <Group key={term} gap={6} wrap="nowrap">
              <Text component="dt" size="sm" c="dimmed">
                {term}
              </Text>
              <Text component="dd" size="sm" m={0} fw={500}>
                {value}
              </Text>
            </Group>
          ))}
        </Group>
        <Text size="sm" c="dimmed">
          AE {a.ae?.name ?? "none"} · CE {a.ce?.name ?? "none"} · TA {a.ta?.name ?? "not assigned"}
          {a.taSupportLevel ? ` (${a.taSupportLevel})` : ""}
          {a.domains.length ? ` · ${a.domains.join(", ")}` : ""}
        </Text>
      </RecordHeader>
      {dialog === "edit" ? <AccountFormModal mode="edit" account={a} onClose={close} /> : null}
      {dialog === "supportLevel" ? <SupportLevelDialog account={a} onClose={close} /> : null}
      {dialog === "assignTa" ? <AssignTaDialog account={a} onClose={close} /> : null}
      {dialog === "close" ? <CloseDialog account={a} onClose={close} /> : null}
      {dialog === "kickoff" ? <KickoffDialog account={a} onClose={close} /> : null}
    </>
  );
}

/** "in 120 days", "today", "3 days ago". */
function relativeDays(days: number): string {
  if (days === 0) return "today";
  const n = Math.abs(days);
  const unit = n === 1 ? "day" : "days";
  return days > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}
