import { AppShell, Anchor } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Outlet, useRouterState } from "@tanstack/react-router";
import { useEffect } from "react";
import { layout } from "@/theme";
import { MainNav } from "@/platform/layout/MainNav";
import { TopBar } from "@/platform/layout/TopBar";

/** The signed-in shell: top bar, main navigation, and the page. */
export function AppLayout() {
  const [navOpened, nav] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  const closeNav = nav.close;
  useEffect(() => {
    // Close the mobile navigation after each navigation.
    closeNav();
  }, [pathname, closeNav]);

  return (
    <AppShell
      header={{ height: layout.headerHeight }}
      navbar={{ width: layout.navbarWidth, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <Anchor
        href="#main"
        pos="absolute"
        top={-100}
        left={8}
        style={{ zIndex: 1000 }}
        onFocus={(e) => (e.currentTarget.style.top = "8px")}
        onBlur={(e) => (e.currentTarget.style.top = "-100px")}
      >
        Skip to main content
      </Anchor>
      <AppShell.Header>
        <TopBar navOpened={navOpened} onToggleNav={nav.toggle} />
      </AppShell.Header>
      <AppShell.Navbar aria-label="Main">
        <MainNav />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: "none" }}>
        <div style={{ maxWidth: layout.contentMaxWidth }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
