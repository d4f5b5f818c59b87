import { Group, Text } from "@mantine/core";
import { RecordHeader } from "@/platform/ui/RecordHeader";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { LeadView } from "@/pages/leads/api";
import { LifecycleActions } from "@/pages/leads/LifecycleActions";
import { QualificationActions } from "@/pages/leads/QualificationActions";

/** Company, status pill (one colour map), requester, owners and age; the actions as verbs. */
export function LeadHeader({ lead }: { lead: LeadView }) {
  const owners = [
    lead.sdr ? `SDR ${lead.sdr.name}` : null,
    lead.ae ? `AE ${lead.ae.name}` : null,
    lead.ce ? `CE ${lead.ce.name}` : null,
  ].filter(Boolean);
  return (
    <RecordHeader
      crumb={{ to: "/trials/qualification", label: "Qualification" }}
      title={lead.company}
      badges={
        <>
          <span aria-label={`Status: ${lead.status}`} role="status">
            <StatusPill domain="lead" status={lead.status} size="md" />
          </span>
          {lead.substatus ? (
            <Text size="sm" c="dimmed">
              {lead.substatus}
            </Text>
          ) : null}
        </>
      }
      actions={
        <Group gap="sm">
          <QualificationActions lead={lead} />
          <LifecycleActions lead={lead} />
        </Group>
      }
    >
      <Text size="sm" c="dimmed">
        {lead.name} · {lead.email} · requested <RelativeTime value={lead.createdAt} />
        {owners.length ? ` · ${owners.join(" · ")}` : ""}
      </Text>
    </RecordHeader>
  );
}
