import { Box, Button, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { Facts } from "@/platform/ui/Facts";
import { RecordHeader } from "@/platform/ui/RecordHeader";
import { RecordLoadError } from "@/platform/ui/RecordPage";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { Section } from "@/platform/ui/Section";
import { colors } from "@/theme";
import { formatArr, formatDay } from "@/pages/accounts/format";
import { useAccountsPack } from "@/pages/accounts/pack";
import { HealthBadge } from "@/pages/health/HealthBadge";
import { outcomeLabel, quarterLabel, renewalQuery, renewalRoles, renewalsPackOf, rolesSentence, type RenewalDetail } from "@/pages/renewals/api";
import { ProcessDialog } from "@/pages/renewals/ProcessDialog";
import { daysLabel } from "@/pages/renewals/RenewalsTable";
import { ProjectionSection, RatingSection, ReviewSection } from "@/pages/renewals/RenewalSections";
import { RatingPill, RenewalPill, ReviewPill } from "@/pages/renewals/status";

const route = getRouteApi("/app/renewals/$renewalId");

/** One renewal cycle: its facts and assessment, the rating and its review, the AE's projection, processing, and its history. */
export function RenewalPage() {
  const { renewalId } = route.useParams();
  const query = useQuery(renewalQuery(renewalId));
  const role = useSession()?.user.role ?? "";
  const pack = useAccountsPack();
  const renewalsPack = renewalsPackOf(pack.data);
  const [processing, setProcessing] = useState(false);

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordLoadError query={query} what="load this renewal" back={<AnchorLink to="/renewals">Back to the renewals</AnchorLink>} />;
  const r = query.data;
  const canProcess = renewalRoles.process.has(role);

  let processAction: ReactNode = null;
  if (r.status === "open") {
    processAction = canProcess ? (
      <Button onClick={() => setProcessing(true)} aria-haspopup="dialog">
        Process renewal
      </Button>
    ) : (
      <Button disabled aria-describedby="process-why">
        Process renewal
      </Button>
    );
  }

  return (
    <Stack gap="lg">
      <RecordHeader
        crumb={{ to: "/renewals", label: "Renewals" }}
        title={`${r.account.name} renewal`}
        badges={
          <>
            <RenewalPill domain="renewal" status={r.status} size="md" />
            <RatingPill rating={r.rating} size="md" />
            <ReviewPill rating={r.rating} decision={r.reviewDecision} size="md" />
            {r.account.healthBand ? <HealthBadge band={r.account.healthBand} score={r.account.healthScore} size="md" /> : null}
            {r.lighthouse ? (
              <AnchorLink to="/lighthouse/$programId" params={{ programId: r.lighthouse.id }} aria-label={`Lighthouse program of ${r.account.name}`}>
                <RenewalPill domain="lighthouse" status={r.lighthouse.status} size="md" />
              </AnchorLink>
            ) : null}
          </>
        }
        actions={
          <Stack gap={4} align="flex-end">
            <Group gap="xs">
              <AnchorLink to="/accounts/$accountId" params={{ accountId: r.account.id }} size="sm" mr="xs">
                Open the account
              </AnchorLink>
              {processAction}
            </Group>
            {r.status === "open" && !canProcess ? (
              <Text id="process-why" size="xs" c="dimmed">
                Only {rolesSentence(renewalRoles.process)} process renewals.
              </Text>
            ) : null}
          </Stack>
        }
      >
        <Text size="sm" c="dimmed">
          Renews {formatDay(r.renewalDate)}
          {r.status === "open" ? ` (${daysLabel(r.daysToRenewal)})` : ""} · {quarterLabel(r.quarter)} · AE {r.account.aeUser?.name ?? "none"} · TA{" "}
          {r.account.taUser?.name ?? "not assigned"}
          {r.account.segment ? ` · ${r.account.segment}` : ""}
        </Text>
      </RecordHeader>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <FactsSection renewal={r} />
        <AssessmentSection renewal={r} />
      </SimpleGrid>
      {r.status === "processed" ? <ProcessedSection renewal={r} /> : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <RatingSection key={`rating-${r.ratedAt ?? ""}`} renewal={r} role={role} lighthouseRatings={renewalsPack?.lighthouseRatings ?? []} />
          <ReviewSection renewal={r} role={role} />
        </Stack>
        <ProjectionSection key={`projection-${r.projectedAt ?? ""}`} renewal={r} role={role} />
      </SimpleGrid>
      <HistorySection renewal={r} />
      {processing ? <ProcessDialog renewal={r} pack={renewalsPack} onClose={() => setProcessing(false)} /> : null}
    </Stack>
  );
}

function FactsSection({ renewal: r }: { renewal: RenewalDetail }) {
  return (
    <Section title="Facts">
      <Facts
        items={[
          ["Renewal date", `${formatDay(r.renewalDate)}${r.status === "open" ? ` (${daysLabel(r.daysToRenewal)})` : ""}`],
          ["Current ARR", formatArr(r.currentArr)],
          ["ARR when opened", formatArr(r.arrAtOpen)],
          ["Expected ARR", formatArr(r.expectedArr)],
          ["ARR at risk", r.arrAtRisk ? <Text span size="sm" c="red" fw={600}>{formatArr(r.arrAtRisk)}</Text> : formatArr(r.arrAtRisk)],
          ["Projection", r.projectedOutcome ? `${outcomeLabel(r.outcomeLabels, r.projectedOutcome)} (${formatArr(r.projectedArr)})` : "Not projected"],
          ["Cycle opened", <RelativeTime key="opened" value={r.openedAt} />],
        ]}
      />
    </Section>
  );
}

function AssessmentSection({ renewal: r }: { renewal: RenewalDetail }) {
  return (
    <Section title="Health Assessment">
      <Text size="sm">
        The TA completes the Health Assessment doc (usage, health, people, risks), then rates the renewal below; managers review the rating.
      </Text>
      <Stack gap={6}>
        {r.assessmentDocId ? (
          <AnchorLink to="/docs/$docId" params={{ docId: r.assessmentDocId }} size="sm" fw={500}>
            Open the Health Assessment doc
          </AnchorLink>
        ) : (
          <Text size="sm" c="dimmed">
            No assessment doc is linked to this cycle.
          </Text>
        )}
        {r.assessmentTaskId ? (
          <AnchorLink to="/tasks" search={{ task: r.assessmentTaskId }} size="sm">
            Open the assessment task
          </AnchorLink>
        ) : null}
      </Stack>
    </Section>
  );
}

function ProcessedSection({ renewal: r }: { renewal: RenewalDetail }) {
  return (
    <Section title="Processed">
      <Facts
        items={[
          ["Outcome", outcomeLabel(r.outcomeLabels, r.outcome)],
          ["Renewed ARR", formatArr(r.renewedArr)],
          ["New contract", r.nextContractStart || r.nextContractEnd ? `${formatDay(r.nextContractStart)} – ${formatDay(r.nextContractEnd)}` : "—"],
          ["Processed", <span key="by">{r.processedBy ?? "—"}{r.processedAt ? <>, <RelativeTime value={r.processedAt} /></> : null}</span>],
          ["Note", r.processNote ?? "—"],
        ]}
      />
    </Section>
  );
}

/** The cycle's renewal.* events, newest first: who or which rule, when, what. */
function HistorySection({ renewal: r }: { renewal: RenewalDetail }) {
  const items = [...r.timeline].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Section title="History">
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          Nothing recorded yet. Opening, ratings, reviews, projections and processing appear here with who or which rule did them.
        </Text>
      ) : (
        <Box component="ol" aria-label={`History of the ${r.account.name} renewal`} m={0} p={0} style={{ listStyle: "none" }}>
          {items.map((e, i) => (
            <Box component="li" key={`${e.at}-${i}`} py={6} style={{ borderBottom: `1px solid ${colors.border}` }}>
              <Group gap="sm" wrap="nowrap" align="baseline">
                <RelativeTime value={e.at} size="xs" c="dimmed" miw={90} />
                <Text size="sm" className="trellis-break" style={{ flex: 1 }}>
                  {e.summary}
                </Text>
                <Text size="xs" c="dimmed">
                  {e.actorLabel}
                </Text>
              </Group>
            </Box>
          ))}
        </Box>
      )}
    </Section>
  );
}
