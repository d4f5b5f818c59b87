import { Anchor, Group, Text } from "@mantine/core";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { RecordHeader } from "@/platform/ui/RecordHeader";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { SlaClock } from "@/platform/ui/SlaClock";
import { StatusPill } from "@/platform/ui/StatusPill";
import { describeDaysLeft, ordinal, type TrialView } from "@/pages/trials/api";
import { TakeTrialButton } from "@/pages/trials/TakeTrialButton";
import { UsageBadges } from "@/pages/trials/TrialCells";

/** The facts that matter: state, slug, company, owner, SLA clock, days left, the instance. */
export function TrialHeader({ trial }: { trial: TrialView }) {
  return (
    <RecordHeader
      crumb={{ to: "/trials", label: "Trials" }}
      title={trial.company}
      badges={
        <>
          <StatusPill domain="trial" status={trial.state} size="md" />
          <Text size="sm" ff="monospace" c="dimmed">
            {trial.slug}
          </Text>
          {trial.queuePosition ? <Text size="sm">{ordinal(trial.queuePosition)} in line</Text> : null}
          {trial.sla ? (
            <Group gap={4} wrap="nowrap">
              <Text size="sm" c="dimmed" aria-hidden="true">
                provisioning SLA
              </Text>
              <SlaClock state={trial.sla.state} workingMsLeft={trial.sla.workingMsLeft} what="Provisioning SLA" dueAt={trial.sla.dueAt} />
            </Group>
          ) : null}
          {trial.daysLeft !== null ? <Text size="sm">{describeDaysLeft(trial.daysLeft)}</Text> : null}
          <UsageBadges usage={trial.usage} />
        </>
      }
      actions={<TakeTrialButton trial={trial} size="sm" />}
    >
      <Text size="sm" c="dimmed">
        Admin {trial.adminName} &lt;{trial.adminEmail}&gt; · owner {trial.growthOwner?.name ?? "nobody yet"} · approved{" "}
        <RelativeTime value={trial.approvedAt} /> ·{" "}
        <AnchorLink to="/leads/$leadId" params={{ leadId: trial.leadId }} size="sm">
          lead ({trial.leadStatus})
        </AnchorLink>
      </Text>
      {trial.instance ? (
        <Text size="sm">
          Instance{" "}
          <AnchorLink to="/instances/$instanceId" params={{ instanceId: trial.instance.id }} size="sm">
            {trial.instance.slug}
          </AnchorLink>
          {trial.instance.url ? (
            <>
              {" · "}
              <Anchor href={trial.instance.url} target="_blank" rel="noreferrer" size="sm">
                {trial.instance.url}
              </Anchor>
            </>
          ) : null}
        </Text>
      ) : null}
    </RecordHeader>
  );
}
