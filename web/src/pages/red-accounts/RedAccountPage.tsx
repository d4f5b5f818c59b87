import { Badge, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { Facts } from "@/platform/ui/Facts";
import { Notice } from "@/platform/ui/Notice";
import { RecordHeader } from "@/platform/ui/RecordHeader";
import { RecordLoadError } from "@/platform/ui/RecordPage";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { Section } from "@/platform/ui/Section";
import { formatArr, formatDay } from "@/pages/accounts/format";
import { HealthBadge } from "@/pages/health/HealthBadge";
import { ActionPlan } from "@/pages/red-accounts/ActionPlan";
import { redAccountQuery, redRoles, triggerLabel, type RedAccountDetail } from "@/pages/red-accounts/api";
import { Discussion } from "@/pages/red-accounts/Discussion";
import { TrackerNotes } from "@/pages/red-accounts/TrackerNotes";
import { tones } from "@/theme";

const route = getRouteApi("/app/red-accounts/$trackerId");

/** S3: one red account's tracker: why it is red, current state and needs, action plan, discussion. */
export function RedAccountPage() {
  const { trackerId } = route.useParams();
  const session = useSession();
  const role = session?.user.role ?? "";
  const query = useQuery(redAccountQuery(trackerId));
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordLoadError query={query} what="load this red-account tracker" back={<AnchorLink to="/red-accounts">Back to the red accounts</AnchorLink>} />;
  const t = query.data;
  const open = t.resolvedAt === null;
  return (
    <Stack gap="lg">
      <RecordHeader
        crumb={{ to: "/red-accounts", label: "Red accounts" }}
        title={t.account.name}
        badges={
          <>
            <Badge color={open ? tones.danger : tones.success} variant="light" style={{ textTransform: "none" }}>
              {open ? "Open" : "Resolved"}
            </Badge>
            <HealthBadge band={t.band} score={t.score} />
            <Text size="sm" c="dimmed">
              {open ? "Red for" : "Was red for"} {t.daysOpen === 1 ? "1 day" : `${t.daysOpen} days`}
            </Text>
          </>
        }
        actions={
          <AnchorLink to="/accounts/$accountId" params={{ accountId: t.account.id }}>
            Open the account
          </AnchorLink>
        }
      />
      {open ? null : (
        <Notice tone="success" heading="Resolved: the account is no longer red" announce="status">
          {t.resolution ?? "Its health was promoted to yellow or green."} Resolved <RelativeTime value={t.resolvedAt} /> by {t.resolvedBy ?? "—"}. The tracker
          is kept as it was; it takes no more changes.
        </Notice>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <WhyRed tracker={t} />
        <Section title="Account">
          <Facts
            items={[
              ["AE", t.account.aeUser?.name ?? "—"],
              ["CE", t.account.ceUser?.name ?? "—"],
              ["TA", t.account.taUser?.name ?? "—"],
              ["Segment", t.account.segment ?? "—"],
              ["ARR", formatArr(t.account.arr)],
              ["Renews", formatDay(t.account.renewalDate)],
            ]}
          />
        </Section>
      </SimpleGrid>
      <TrackerNotes tracker={t} canEdit={open && redRoles.write.has(role)} />
      <ActionPlan tracker={t} canEdit={open && redRoles.write.has(role)} />
      <Discussion tracker={t} canComment={open && redRoles.comment.has(role)} />
    </Stack>
  );
}

function WhyRed({ tracker: t }: { tracker: RedAccountDetail }) {
  return (
    <Section title="Why red">
      <Facts
        items={[
          ["Trigger", t.trigger === "manual" ? `${triggerLabel(t.trigger)} by ${t.openedBy}` : triggerLabel(t.trigger)],
          ["Reason", t.reason],
          ["Score when it turned red", t.scoreAtOpen === null ? "—" : String(t.scoreAtOpen)],
          ["Health now", <HealthBadge key="now" band={t.band} score={t.score} />],
          ["Opened", <RelativeTime key="opened" value={t.openedAt} />],
        ]}
      />
    </Section>
  );
}
