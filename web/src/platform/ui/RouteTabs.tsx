import { Tabs } from "@mantine/core";
import { Outlet, useNavigate, useRouterState, type LinkProps } from "@tanstack/react-router";

export interface RouteTab<T extends string = string> {
  value: T;
  label: string;
  to: NonNullable<LinkProps["to"]>;
}

/** The tab named by the path's second segment (/trials/qualification → "qualification"), else `fallback`. */
export function useCurrentTab<T extends string>(tabs: readonly RouteTab<T>[], fallback: T): T {
  const segment = useRouterState({ select: (s) => s.location.pathname.split("/")[2] ?? "" });
  return tabs.find((t) => t.value === segment)?.value ?? fallback;
}

/** Tabs with one URL each, so a tab can be linked to (the alert emails do); only the current tab's route renders. */
export function RouteTabs({ label, tabs, current }: { label: string; tabs: readonly RouteTab[]; current: string }) {
  const navigate = useNavigate();
  return (
    <Tabs
      value={current}
      onChange={(value) => {
        const tab = tabs.find((t) => t.value === value);
        if (tab) void navigate({ to: tab.to });
      }}
      keepMounted={false}
    >
      <Tabs.List aria-label={label} mb="md">
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
  );
}
