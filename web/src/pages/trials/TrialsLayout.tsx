import { useSession } from "@/platform/auth";
import { PageHeader } from "@/platform/ui/PageHeader";
import { RouteTabs, useCurrentTab } from "@/platform/ui/RouteTabs";
import { trialRoles } from "@/pages/trials/api";

const TABS = [
  { value: "board", label: "Board", to: "/trials" },
  { value: "qualification", label: "Qualification", to: "/trials/qualification" },
  { value: "failed-signups", label: "Failed signups", to: "/trials/failed-signups" },
  { value: "access-requests", label: "Access requests", to: "/trials/access-requests" },
] as const;

/** Trials with one URL per tab, so a queue can be linked to (the alert emails do). */
export function TrialsLayout() {
  const current = useCurrentTab(TABS, "board");
  const role = useSession()?.user.role ?? "";
  // Failed signups hold raw submissions: only the roles the server lets read them see the tab.
  const tabs = TABS.filter((t) => t.value !== "failed-signups" || trialRoles.readFailedSignups.has(role) || current === t.value);

  return (
    <>
      <PageHeader title="Trials" description="Cloud trials from signup to decision: qualify requests, watch provisioning against its SLA, decide at the end." />
      <RouteTabs label="Trials sections" tabs={tabs} current={current} />
    </>
  );
}
