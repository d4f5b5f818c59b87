import { Button, Center, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { useRouter, type ErrorComponentProps } from "@tanstack/react-router";
import { ErrorState } from "@/platform/ui/ErrorState";

/** While a page's code or first data loads. */
export function PageSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" p="md">
      <VisuallyHidden role="status">Loading…</VisuallyHidden>
      <Skeleton height={28} width={220} />
      <Skeleton height={14} width={420} />
      <Skeleton height={220} mt="md" />
    </Stack>
  );
}

/** A page failed to load (its code, or the session check before it). */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  if (chunkFailed) {
    return (
      <Center p="xl">
        <Stack align="center">
          <ErrorState error={new Error("Trellis was updated since this page was opened.")} what="load this page" />
          <Button onClick={() => window.location.reload()}>Reload Trellis</Button>
        </Stack>
      </Center>
    );
  }
  return (
    <Stack p="md" maw={720}>
      <ErrorState
        error={error}
        what="load this page"
        onRetry={() => {
          reset();
          void router.invalidate();
        }}
      />
    </Stack>
  );
}
