import { Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { can, useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { Crumb } from "@/platform/ui/RecordHeader";
import { RecordLoadError, TimelineSection } from "@/platform/ui/RecordPage";
import type { TimelineKind } from "@/platform/ui/RecordTimeline";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { Sparkline } from "@/platform/ui/Sparkline";
import { StatusPill } from "@/platform/ui/StatusPill";
import { instanceQuery, kindLabel, type InstanceDetail } from "@/pages/instances/api";
import { UsageFlags } from "@/pages/instances/InstanceBadges";
import { InstanceFormModal } from "@/pages/instances/InstanceFormModal";
import { DEFAULT_RANGE, type InstanceSearch } from "@/pages/instances/search";
import { TokenSection } from "@/pages/instances/TokenSection";
import { FeatureAdoption, UsageCharts } from "@/pages/instances/UsageCharts";
import { UsageMetricsPanel } from "@/pages/instances/UsageMetricsPanel";
import { InstanceLicenses } from "@/pages/licenses/InstanceLicenses";

const route = getRouteApi("/app/instances/$instanceId");

/** Usage signals (domains/usage/signals.ts) and instance changes; the timeline shows any other kind too. */
export const INSTANCE_TIMELINE_KINDS: readonly TimelineKind[] = [
  { value: "usage.pql_criteria_met", label: "PQL criteria met (T11)" },
  { value: "usage.feature_first_used", label: "Feature first used (P2)" },
  { value: "usage.seat_utilization_crossed", label: "Seat utilization crossed (P2)" },
  { value: "usage.code_host_configured", label: "Code host configured" },
  { value: "usage.non_admin_user_joined", label: "Another user joined" },
  { value: "instance.created", label: "Instance registered" },
  { value: "instance.updated", label: "Details changed" },
  { value: "instance.ingest_token_rotated", label: "Token rotated" },
  { value: "instance.ingest_token_revoked", label: "Token revoked" },
];

export function InstancePage() {
  const { instanceId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/instances/$instanceId" });
  const session = useSession();
  const canManage = session ? can.manageInstances(session.user.role) : false;
  const query = useQuery(instanceQuery(instanceId));

  const setSearch = (patch: Partial<InstanceSearch>) =>
    void navigate({ search: (prev: InstanceSearch) => ({ ...prev, ...patch }), replace: true, resetScroll: false });

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordLoadError query={query} what="load this instance" back={<AnchorLink to="/instances">Back to all instances</AnchorLink>} />;
  const instance = query.data;

  return (
    <Stack gap="lg">
      <InstanceHeader instance={instance} canManage={canManage} />
      <UsageMetricsPanel instance={instance} />
      <UsageCharts instanceId={instance.id} range={search.days ?? DEFAULT_RANGE} onRangeChange={(days) => setSearch({ days })} />
      <FeatureAdoption features={instance.features} />
      <InstanceLicenses instanceId={instance.id} instanceSlug={instance.slug} />
      <TimelineSection
        subjectType="instance"
        subjectId={instance.id}
        label={`Timeline of ${instance.name}`}
        kinds={INSTANCE_TIMELINE_KINDS}
        kind={search.kind}
        onKindChange={(kind) => setSearch({ kind })}
        emptyText="Nothing recorded yet. Changes to this instance and usage signals (PQL met, first use of a feature, seat utilization crossing a line, a code host set up, another user joining) appear here."
      />
      <TokenSection instance={instance} canManage={canManage} />
    </Stack>
  );
}

function InstanceHeader({ instance, canManage }: { instance: InstanceDetail; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={6}>
        <Crumb to="/instances" label="Instances" />
        <Title order={1}>{instance.name}</Title>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" ff="monospace" c="dimmed">
            {instance.slug}
          </Text>
          <Badge variant="default" size="sm" style={{ textTransform: "none" }}>
            {kindLabel(instance.kind)}
          </Badge>
          <StatusPill domain="instance" status={instance.status} />
          {instance.status === "terminated" ? null : <UsageFlags metrics={instance.metrics} status={instance.status} />}
        </Group>
        <Group gap="md" wrap="wrap">
          <Text size="sm" c="dimmed">
            {instance.company ?? "No company set"}
            {instance.adminEmail ? ` · admin ${instance.adminEmail}` : ""}
            {instance.seats !== null ? ` · ${instance.seats} seats` : ""} · created <RelativeTime value={instance.createdAt} />
          </Text>
          <Group gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed">
              DAU, 30 days
            </Text>
            <Sparkline values={instance.sparkline} label={`Daily active users of ${instance.name}, last 30 days`} width={120} />
          </Group>
        </Group>
      </Stack>
      {canManage ? (
        <Button variant="default" onClick={() => setEditing(true)}>
          Edit details
        </Button>
      ) : null}
      {editing ? <InstanceFormModal mode="edit" instance={instance} onClose={() => setEditing(false)} /> : null}
    </Group>
  );
}
