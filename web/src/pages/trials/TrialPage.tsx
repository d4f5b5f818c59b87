import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { RecordLoadError, TimelineSection, useTimelineFollows } from "@/platform/ui/RecordPage";
import type { TimelineKind } from "@/platform/ui/RecordTimeline";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { timing } from "@/theme";
import { InstanceLicenses } from "@/pages/licenses/InstanceLicenses";
import { AdminAnsweredSection } from "@/pages/trials/AdminAnsweredSection";
import { trialQuery, type TrialView } from "@/pages/trials/api";
import { DecisionSection } from "@/pages/trials/DecisionSection";
import { ProvisioningActions } from "@/pages/trials/ProvisioningActions";
import type { RecordSearch } from "@/pages/trials/search";
import { TrialHeader } from "@/pages/trials/TrialHeader";

const route = getRouteApi("/app/trials/$trialId");

export const TRIAL_TIMELINE_KINDS: readonly TimelineKind[] = [
  { value: "trial.approved", label: "Approved (T4.1)" },
  { value: "trial.queued", label: "Queued for capacity (T5)" },
  { value: "trial.assigned", label: "Owner taken (T6)" },
  { value: "trial.provisioning_requested", label: "Provisioning requested (T6)" },
  { value: "trial.provisioning_failed", label: "Provisioning failed" },
  { value: "trial.handed_off", label: "Handed off (T7)" },
  { value: "trial.onboarding_email_sent", label: "Onboarding email" },
  { value: "trial.unused_warning_sent", label: "Unused warning (T9)" },
  { value: "trial.admin_answered", label: "Admin answered (T9)" },
  { value: "trial.pql", label: "PQL (T11)" },
  { value: "trial.ended", label: "Ended (T10)" },
  { value: "trial.decision_overdue", label: "Decision overdue (T10)" },
  { value: "trial.extended", label: "Extended" },
  { value: "trial.converted", label: "Converted" },
  { value: "trial.terminated", label: "Terminated" },
  { value: "trial.cancelled", label: "Cancelled (T4.3)" },
];

/** States in which something outside this page (provisioner, capacity) moves the trial on. */
const IN_FLIGHT = new Set(["queued", "provisioning"]);

export function TrialPage() {
  const { trialId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/trials/$trialId" });
  const query = useQuery({
    ...trialQuery(trialId),
    refetchInterval: (q) => (IN_FLIGHT.has((q.state.data as TrialView | undefined)?.state ?? "") ? timing.liveRefreshMs : false),
  });
  useTimelineFollows("trial", trialId, query.data?.state ?? "");
  const setSearch = (patch: Partial<RecordSearch>) =>
    void navigate({ search: (prev: RecordSearch) => ({ ...prev, ...patch }), replace: true, resetScroll: false });

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordLoadError query={query} what="load this trial" back={<AnchorLink to="/trials">Back to the trials board</AnchorLink>} />;
  const trial = query.data;
  return (
    <Stack gap="lg">
      <TrialHeader trial={trial} />
      <ProvisioningActions trial={trial} />
      <AdminAnsweredSection trial={trial} />
      <DecisionSection trial={trial} />
      {trial.instance ? <InstanceLicenses instanceId={trial.instance.id} instanceSlug={trial.instance.slug} /> : null}
      <TimelineSection
        subjectType="trial"
        subjectId={trial.id}
        label={`Timeline of ${trial.company}'s trial`}
        kinds={TRIAL_TIMELINE_KINDS}
        kind={search.kind}
        onKindChange={(kind) => setSearch({ kind })}
        emptyText="Nothing recorded yet. Approval, provisioning, hand-off, warnings and decisions appear here with who or which rule made them."
      />
    </Stack>
  );
}
