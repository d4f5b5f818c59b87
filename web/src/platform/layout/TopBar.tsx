import { Anchor, Badge, Burger, Button, Group, Text } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { signOut, useRoleLabel, useSession } from "@/platform/auth";
import { ClockControl } from "@/platform/layout/ClockControl";
import { GlobalSearch } from "@/platform/layout/GlobalSearch";
import { notifyError } from "@/platform/ui/notify";
import { layout } from "@/theme";

interface TopBarProps {
  navOpened: boolean;
  onToggleNav: () => void;
}

export function TopBar({ navOpened, onToggleNav }: TopBarProps) {
  const session = useSession();
  const roleLabel = useRoleLabel();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const wide = useMediaQuery(layout.wideQuery, true, { getInitialValueInEffect: false });

  const onSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
      await navigate({ to: "/sign-in", search: {} });
    } catch (e) {
      notifyError(e, "sign out");
    } finally {
      setSigningOut(false);
    }
  };

  return (
    <Group h="100%" px="md" gap="md" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={navOpened ? "Close navigation" : "Open navigation"}
          aria-expanded={navOpened}
        />
        <Anchor component={Link} to="/" fw={700} c="var(--mantine-primary-color-filled)" underline="never" visibleFrom="xs">
          Trellis
        </Anchor>
        <GlobalSearch />
      </Group>
      <Group gap="md" wrap="nowrap">
        {wide ? <ClockControl /> : null}
        {session ? (
          <Group gap={6} wrap="nowrap" role="group" aria-label="Signed in as">
            <Text size="sm" fw={500} visibleFrom="sm">
              {session.user.name}
            </Text>
            <Badge variant="outline" color="gray" size="sm" style={{ textTransform: "none" }} visibleFrom="sm">
              {roleLabel(session.user.role)}
            </Badge>
          </Group>
        ) : null}
        <Button variant="default" size="xs" onClick={() => void onSignOut()} loading={signingOut}>
          Sign out
        </Button>
      </Group>
    </Group>
  );
}
