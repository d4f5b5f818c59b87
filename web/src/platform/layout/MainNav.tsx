import { AppShell, NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link, useRouterState } from "@tanstack/react-router";
import { can, useSession } from "@/platform/auth";
import { metaQuery } from "@/platform/server-info";
import { ClockControl } from "@/platform/layout/ClockControl";
import { layout } from "@/theme";
import { useMediaQuery } from "@mantine/hooks";

interface NavItem {
  to: "/trials" | "/instances" | "/licenses" | "/accounts" | "/red-accounts" | "/renewals" | "/tasks" | "/reports" | "/channels" | "/outbox" | "/audit" | "/settings";
  label: string;
  visible?: (role: string) => boolean;
  /** Other path prefixes that belong to this item (a lead page is part of Trials). */
  also?: string[];
}

const WORK: NavItem[] = [
  { to: "/trials", label: "Trials", also: ["/leads/"] },
  { to: "/instances", label: "Instances" },
  { to: "/licenses", label: "Licenses" },
  { to: "/accounts", label: "Accounts" },
  { to: "/red-accounts", label: "Red accounts" },
  { to: "/renewals", label: "Renewals" },
  { to: "/tasks", label: "Tasks" },
  { to: "/reports", label: "Reports" },
  { to: "/channels", label: "Channels" },
];

const OPERATIONS: NavItem[] = [
  { to: "/outbox", label: "Outbox", visible: can.viewOutbox },
  { to: "/audit", label: "Audit log", visible: can.viewAudit },
  { to: "/settings", label: "Settings" },
];

function NavGroup({ title, items, role, pathname }: { title: string; items: NavItem[]; role: string; pathname: string }) {
  const shown = items.filter((i) => !i.visible || i.visible(role));
  if (shown.length === 0) return null;
  const headingId = `nav-${title.toLowerCase()}`;
  return (
    <div role="group" aria-labelledby={headingId}>
      <Text id={headingId} size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4} mt="md">
        {title}
      </Text>
      {shown.map((item) => {
        const active = pathname === item.to || pathname.startsWith(`${item.to}/`) || (item.also ?? []).some((p) => pathname.startsWith(p));
        return (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={active}
            aria-current={active ? "page" : undefined}
            variant="light"
          />
        );
      })}
    </div>
  );
}

/** Left navigation by domain; operations pages only for roles that may open them. */
export function MainNav() {
  const session = useSession();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const meta = useQuery(metaQuery);
  // On narrow screens the top bar has no room for the clock: it lives here instead (one copy only).
  const wide = useMediaQuery(layout.wideQuery, true, { getInitialValueInEffect: false });
  const role = session?.user.role ?? "";
  return (
    <>
      <AppShell.Section grow component={ScrollArea} px="xs">
        <Stack gap={0}>
          <NavGroup title="Work" items={WORK} role={role} pathname={pathname} />
          <NavGroup title="Operations" items={OPERATIONS} role={role} pathname={pathname} />
        </Stack>
      </AppShell.Section>
      <AppShell.Section p="sm">
        {wide ? null : (
          <div style={{ marginBottom: 8 }}>
            <ClockControl />
          </div>
        )}
        {meta.data ? (
          <Text size="xs" c="dimmed" title={`Engine ${meta.data.engine}, ${meta.data.clock} clock`}>
            Trellis {meta.data.version} · pack {meta.data.packVersion}
          </Text>
        ) : null}
      </AppShell.Section>
    </>
  );
}
