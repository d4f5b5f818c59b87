import { PageHeader } from "@/platform/ui/PageHeader";
import { RouteTabs, useCurrentTab } from "@/platform/ui/RouteTabs";

const TABS = [
  { value: "team", label: "Team", to: "/settings/team" },
  { value: "roles", label: "Roles", to: "/settings/roles" },
  { value: "integrations", label: "Integrations", to: "/settings/integrations" },
  { value: "usage", label: "Usage", to: "/settings/usage" },
] as const;

/** Settings with one URL per tab (/settings/team …), so a tab can be linked to. */
export function SettingsLayout() {
  const current = useCurrentTab(TABS, "team");
  return (
    <>
      <PageHeader title="Settings" description="The people who use Trellis, what their roles allow, where Trellis sends messages, and how it reads usage." />
      <RouteTabs label="Settings sections" tabs={TABS} current={current} />
    </>
  );
}
