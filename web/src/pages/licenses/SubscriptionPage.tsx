import { Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { Crumb } from "@/platform/ui/RecordHeader";
import { RecordLoadError, TimelineSection } from "@/platform/ui/RecordPage";
import type { TimelineKind } from "@/platform/ui/RecordTimeline";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { Section } from "@/platform/ui/Section";
import { canManageLicenses, formatUsers, kindLabel, subscriptionQuery, type SubscriptionDetail } from "@/pages/licenses/api";
import { ExpiryBadge } from "@/pages/licenses/ExpiryBadge";
import { LicenseFormModal } from "@/pages/licenses/LicenseFormModal";
import { LicenseHistory } from "@/pages/licenses/LicenseHistory";
import type { SubscriptionSearch } from "@/pages/licenses/search";

const route = getRouteApi("/app/licenses/$subscriptionId");

export const SUBSCRIPTION_TIMELINE_KINDS: readonly TimelineKind[] = [
  { value: "subscription.created", label: "Subscription created" },
  { value: "license.issued", label: "License issued" },
  { value: "subscription.instance_attached", label: "Attached to instance" },
];

export function SubscriptionPage() {
  const { subscriptionId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/licenses/$subscriptionId" });
  const session = useSession();
  const canManage = session ? canManageLicenses(session.user.role) : false;
  const query = useQuery(subscriptionQuery(subscriptionId));
  const [issuing, setIssuing] = useState(false);

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordLoadError query={query} what="load this subscription" back={<AnchorLink to="/licenses">Back to all licenses</AnchorLink>} />;
  const sub = query.data;

  return (
    <Stack gap="lg">
      <SubscriptionHeader sub={sub} actions={canManage ? <Button onClick={() => setIssuing(true)}>Issue license</Button> : null} />
      <Section title="Licenses">
        {sub.licenses.length === 0 ? (
          <Text size="sm" c="dimmed" role="status">
            No license yet.{canManage ? " Issue one to give the customer a key." : ""}
          </Text>
        ) : (
          <LicenseHistory licenses={sub.licenses} label={`Licenses of ${sub.name}`} />
        )}
      </Section>
      <TimelineSection
        subjectType="subscription"
        subjectId={sub.id}
        label={`Timeline of ${sub.name}`}
        kinds={SUBSCRIPTION_TIMELINE_KINDS}
        kind={search.kind}
        onKindChange={(kind) => void navigate({ search: (prev: SubscriptionSearch) => ({ ...prev, kind }), replace: true, resetScroll: false })}
        emptyText="Nothing recorded yet. Issued licenses and changes to this subscription appear here."
      />
      {issuing ? <LicenseFormModal mode="license" subscription={sub} latest={sub.latest} onClose={() => setIssuing(false)} /> : null}
    </Stack>
  );
}

function SubscriptionHeader({ sub, actions }: { sub: SubscriptionDetail; actions: ReactNode }) {
  const l = sub.latest;
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={6}>
        <Crumb to="/licenses" label="Licenses" />
        <Title order={1}>{sub.name}</Title>
        <Group gap="xs" wrap="wrap">
          <Badge variant="default" size="sm" style={{ textTransform: "none" }}>
            {kindLabel(sub.kind)}
          </Badge>
          {l ? <ExpiryBadge license={l} /> : null}
          {sub.instance ? (
            <Text size="sm">
              Instance{" "}
              <AnchorLink to="/instances/$instanceId" params={{ instanceId: sub.instance.id }} ff="monospace">
                {sub.instance.slug}
              </AnchorLink>
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              No instance attached
            </Text>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {l ? `${l.licensee} · ${formatUsers(l.userCount)} users · ` : ""}
          {sub.crmAccountId ? `CRM ${sub.crmAccountId} · ` : ""}
          {sub.trialId ? "trial subscription (T6) · " : ""}created <RelativeTime value={sub.createdAt} /> by {sub.createdBy}
        </Text>
      </Stack>
      {actions}
    </Group>
  );
}
