import { Tabs } from "@mantine/core";
import { Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useSession } from "@/platform/auth";
import { PageHeader } from "@/platform/ui/PageHeader";
import { trialRoles } from "@/pages/trials/api";

const TABS = [
  { value: "board", label: "Board", to: "/trials" },
  { value: "qualification", label: "Qualification", to: "/trials/qualification" },
  { value: "failed-signups", label: "Failed signups", to: "/trials/failed-signups" },
  { value: "access-requests", label: "Access requests", to: "/trials/access-requests" },
] as const;

type TabValue = (typeof TABS)[number]["value"];

/** Trials with one URL per tab, so a queue can be linked to (the alert emails do). */
export function TrialsLayout() {
  const navigate = useNavigate();
  const segment = useRouterState({ select: (s) => s.location.pathname.split("/")[2] ?? "" });
  const current: TabValue = TABS.find((t) => t.value === segment)?.value ?? "board";
  const role = useSession()?.user.role ?? "";
  // Failed signups hold raw submissions: only the roles the server lets read them see the tab.
  const tabs = TABS.filter((t) => t.value !== "failed-signups" || trialRoles.readFailedSignups.has(role) || current === t.value);

  return (
    <>
      <PageHeader title="Trials" description="Cloud trials from signup to decision: qualify requests, watch provisioning against its SLA, decide at the end." />
      <Tabs
        value={current}
        onChange={(value) => {
          const tab = TABS.find((t) => t.value === value);
          if (tab) void navigate({ to: tab.to });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label="Trials sections" mb="md">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.value === current ? <Outlet /> : null}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
