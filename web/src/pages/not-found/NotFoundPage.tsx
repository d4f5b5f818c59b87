import { Button, Stack, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { EmptyState } from "@/platform/ui/EmptyState";

export function NotFoundPage() {
  return (
    <Stack p="md" maw={720}>
      <Title order={1}>Page not found</Title>
      <EmptyState
        title="There is no page at this address"
        actions={
          <Button component={Link} to="/">
            Go to Trellis home
          </Button>
        }
      >
        The link may be mistyped, or it points to a page from a newer Trellis version. Use the navigation or search to find
        what you were looking for.
      </EmptyState>
    </Stack>
  );
}
