import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { RecordLoadError, TimelineSection, useTimelineFollows } from "@/platform/ui/RecordPage";
import type { TimelineKind } from "@/platform/ui/RecordTimeline";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { Section } from "@/platform/ui/Section";
import { timing } from "@/theme";
import { ChecksList } from "@/pages/leads/ChecksList";
import { leadQuery, type LeadView } from "@/pages/leads/api";
import { LeadHeader } from "@/pages/leads/LeadHeader";
import { LeadFacts, LeadInstances, LeadTrial } from "@/pages/leads/LeadSections";
import type { RecordSearch } from "@/pages/trials/search";

const route = getRouteApi("/app/leads/$leadId");

export const LEAD_TIMELINE_KINDS: readonly TimelineKind[] = [
  { value: "lead.created", label: "Signup received (T1)" },
  { value: "lead.status_changed", label: "Status changed" },
  { value: "lead.claimed", label: "PQL claimed (T11)" },
  { value: "lead.ce_booked", label: "CE booked (T8)" },
  { value: "access_request.created", label: "Access requested (T3)" },
];

/** While provisioning is under way the page follows it (the callback can land any moment). */
const IN_FLIGHT = new Set(["queued", "provisioning"]);

export function LeadPage() {
  const { leadId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/leads/$leadId" });
  const query = useQuery({
    ...leadQuery(leadId),
    refetchInterval: (q) => (IN_FLIGHT.has((q.state.data as LeadView | undefined)?.trial?.state ?? "") ? timing.liveRefreshMs : false),
  });
  useTimelineFollows("lead", leadId, query.data ? `${query.data.status}|${query.data.trial?.state ?? ""}` : "");
  const setSearch = (patch: Partial<RecordSearch>) =>
    void navigate({ search: (prev: RecordSearch) => ({ ...prev, ...patch }), replace: true, resetScroll: false });

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordLoadError query={query} what="load this lead" back={<AnchorLink to="/trials/qualification">Back to the qualification queue</AnchorLink>} />;
  const lead = query.data;
  return (
    <Stack gap="lg">
      <LeadHeader lead={lead} />
      <Section title="Qualification checks">
        <ChecksList checks={lead.checks} capacity={lead.capacity} />
      </Section>
      {lead.trial ? <LeadTrial trial={lead.trial} /> : null}
      <LeadFacts lead={lead} />
      <LeadInstances lead={lead} />
      <TimelineSection
        subjectType="lead"
        subjectId={lead.id}
        label={`Timeline of ${lead.company}'s lead`}
        kinds={LEAD_TIMELINE_KINDS}
        kind={search.kind}
        onKindChange={(kind) => setSearch({ kind })}
        emptyText="Nothing recorded yet. The signup, each status change (with the rule and pack version), claims and CE bookings appear here."
      />
    </Stack>
  );
}
