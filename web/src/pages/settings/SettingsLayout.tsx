import { Tabs } from "@mantine/core";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { PageHeader } from "@/platform/ui/PageHeader";

const TABS = [
  { value: "team", label: "Team", to: "/settings/team" },
  { value: "roles", label: "Roles", to: "/settings/roles" },
  { value: "integrations", label: "Integrations", to: "/settings/integrations" },
  { value: "usage", label: "Usage", to: "/settings/usage" },
] as const;

type TabValue = (typeof TABS)[number]["value"];

/** Settings with one URL per tab (/settings/team …), so a tab can be linked to. */
export function SettingsLayout() {
  const navigate = useNavigate();
  const segment = useRouterState({ select: (s) => s.location.pathname.split("/")[2] ?? "team" });
  const current: TabValue = TABS.find((t) => t.value === segment)?.value ?? "team";

  return (
    <>
      <PageHeader title="Settings" description="The people who use Trellis, what their roles allow, where Trellis sends messages, and how it reads usage." />
      <Tabs
        value={current}
        onChange={(value) => {
          const tab = TABS.find((t) => t.value === value);
          if (tab) void navigate({ to: tab.to });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Settings sections" mb="md">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.value === current ? <Outlet /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
