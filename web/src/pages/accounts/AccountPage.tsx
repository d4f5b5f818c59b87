import { SimpleGrid, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { RecordLoadError, TimelineSection, useTimelineFollows } from "@/platform/ui/RecordPage";
import type { TimelineKind } from "@/platform/ui/RecordTimeline";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { AccountDocsPanel } from "@/pages/docs/AccountDocsPanel";
import { AccountTasksPanel } from "@/pages/tasks/AccountTasksPanel";
import { AccountActivitiesPanel } from "@/pages/health/AccountActivitiesPanel";
import { AccountHealthPanel } from "@/pages/health/AccountHealthPanel";
import { AccountTicketsPanel } from "@/pages/health/AccountTicketsPanel";
import { AccountRenewalsPanel } from "@/pages/renewals/AccountRenewalsPanel";
import { accountQuery } from "@/pages/accounts/api";
import { AccountFlags } from "@/pages/accounts/AccountFlags";
import { AccountHeader } from "@/pages/accounts/AccountHeader";
import { DealSection, EngagementSection, TeamSection } from "@/pages/accounts/AccountSections";
import { ContactsSection } from "@/pages/accounts/ContactsSection";
import type { AccountSearch } from "@/pages/accounts/search";
import { StageSection } from "@/pages/accounts/StageSection";
import { UsageSection } from "@/pages/accounts/UsageSection";

const route = getRouteApi("/app/accounts/$accountId");

export const ACCOUNT_TIMELINE_KINDS: readonly TimelineKind[] = [
  { value: "account.created", label: "Created" },
  { value: "account.updated", label: "Edited" },
  { value: "account.support_level_reminder", label: "Support level reminder (H1)" },
  { value: "account.support_level_set", label: "Support level set (H1)" },
  { value: "account.segmented", label: "Segmented (H2)" },
  { value: "account.ta_assignment_needed", label: "TA assignment reminder (H3)" },
  { value: "account.ta_assigned", label: "TA assigned (H3)" },
  { value: "account.closed", label: "Closed (H5)" },
  { value: "account.production_license_issued", label: "Production license (H5)" },
  { value: "account.contacts_untagged", label: "Contacts untagged" },
  { value: "account.kickoff_recorded", label: "Kickoff (H6)" },
  { value: "account.stage_changed", label: "Stage changed (L)" },
  { value: "account.stage_override_set", label: "Stage overridden" },
  { value: "account.stage_override_cleared", label: "Override cleared" },
  { value: "account.onboarding_target_missed", label: "Onboarding target missed (L2)" },
  { value: "account.instance_mapped", label: "Instance mapped" },
  { value: "account.instance_unmapped", label: "Instance moved away" },
  { value: "account.contact_added", label: "Contact added" },
  { value: "account.contact_updated", label: "Contact edited" },
  { value: "account.contact_removed", label: "Contact deleted" },
  { value: "task.created", label: "Task created" },
  { value: "account.health_band_changed", label: "Health band changed (S1)" },
  { value: "account.health_trait_set", label: "Health trait set" },
  { value: "account.red_flag_set", label: "Marked red (S3)" },
  { value: "account.red_flag_cleared", label: "Red flag cleared (S3)" },
  { value: "red_account.opened", label: "Red-account tracker opened (S3)" },
  { value: "red_account.resolved", label: "Red-account tracker resolved (S3)" },
  { value: "account.ticket_opened", label: "Ticket opened" },
  { value: "account.ticket_closed", label: "Ticket closed" },
  { value: "account.ticket_updated", label: "Ticket updated" },
  { value: "account.activity_logged", label: "Activity logged" },
];

/** One account: header facts and hand-off actions, deal and team, stage, usage, contacts, tasks, docs, timeline. */
export function AccountPage() {
  const { accountId } = route.useParams();
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/accounts/$accountId" });
  const query = useQuery(accountQuery(accountId));
  // Rules (stage moves, reminders) change the account behind the page: its timeline follows what the record shows.
  useTimelineFollows("account", accountId, query.data ? `${query.data.updatedAt}|${query.data.stage ?? ""}` : "");
  const setSearch = (patch: Partial<AccountSearch>) =>
    void navigate({ search: (prev: AccountSearch) => ({ ...prev, ...patch }), replace: true, resetScroll: false });

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordLoadError query={query} what="load this account" back={<AnchorLink to="/accounts">Back to the accounts</AnchorLink>} />;
  const account = query.data;
  return (
    <Stack gap="lg">
      <AccountHeader account={account} />
      <AccountFlags account={account} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <DealSection account={account} />
        <Stack gap="lg">
          <TeamSection account={account} />
          <EngagementSection account={account} />
        </Stack>
      </SimpleGrid>
      <StageSection account={account} />
      <AccountHealthPanel accountId={account.id} accountName={account.name} />
      <AccountRenewalsPanel accountId={account.id} accountName={account.name} />
      <UsageSection account={account} />
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        <AccountActivitiesPanel accountId={account.id} accountName={account.name} />
        <AccountTicketsPanel accountId={account.id} accountName={account.name} />
      </SimpleGrid>
      <ContactsSection account={account} />
      <AccountTasksPanel accountId={account.id} />
      <AccountDocsPanel accountId={account.id} />
      <TimelineSection
        subjectType="account"
        subjectId={account.id}
        label={`Timeline of ${account.name}`}
        kinds={ACCOUNT_TIMELINE_KINDS}
        kind={search.kind}
        onKindChange={(kind) => setSearch({ kind })}
        emptyText="Nothing recorded yet. Edits, the support level, segment, TA, close, kickoff, stage moves and contacts appear here with who or which rule made them."
      />
    </Stack>
  );
}
