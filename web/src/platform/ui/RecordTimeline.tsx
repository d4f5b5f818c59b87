import { Badge, Box, Button, Group, NativeSelect, Skeleton, Stack, Text, VisuallyHidden } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { describeActor, timelineQuery } from "@/platform/timeline";
import { ErrorState } from "@/platform/ui/ErrorState";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { colors } from "@/theme";

export interface TimelineKind {
  value: string;
  label: string;
}

interface RecordTimelineProps {
  subjectType: string;
  subjectId: string;
  /** Accessible name of the list ("Timeline of Acme trial"). */
  label: string;
  /** Kinds offered in the filter; others still show under "All". */
  kinds: readonly TimelineKind[];
  /** The kind filter (from the URL), or undefined for all. */
  kind: string | undefined;
  onKindChange: (kind: string | undefined) => void;
  /** What will appear here when nothing has happened yet. */
  emptyText: string;
}

const ALL = "all";

/** A record's memory, newest first: when, what (kind and summary), and who or which rule. */
export function RecordTimeline({ subjectType, subjectId, label, kinds, kind, onKindChange, emptyText }: RecordTimelineProps) {
  const query = useInfiniteQuery({ ...timelineQuery(subjectType, subjectId, kind ? [kind] : []), placeholderData: keepPreviousData });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const kindLabel = (value: string): string => kinds.find((k) => k.value === value)?.label ?? value;
  const options = [{ value: ALL, label: "All kinds" }, ...kinds];
  if (kind && !kinds.some((k) => k.value === kind)) options.push({ value: kind, label: kind });

  let body;
  if (query.isPending) {
    body = (
      <Stack gap="xs" aria-busy="true">
        <VisuallyHidden role="status">Loading the timeline…</VisuallyHidden>
        <Skeleton height={14} width="70%" />
        <Skeleton height={14} width="55%" />
        <Skeleton height={14} width="62%" />
      </Stack>
    );
  } else if (query.isError && items.length === 0) {
    body = <ErrorState error={query.error} what="load the timeline" onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  } else if (items.length === 0) {
    body = (
      <Text size="sm" c="dimmed" role="status">
        {kind ? `Nothing of kind “${kindLabel(kind)}” yet. Choose “All kinds” to see everything.` : emptyText}
      </Text>
    );
  } else {
    body = (
      <>
        <Box
          component="ol"
          aria-label={label}
          aria-busy={query.isPlaceholderData || undefined}
          m={0}
          p={0}
          style={{ listStyle: "none", opacity: query.isPlaceholderData ? 0.6 : 1 }}
        >
          {items.map((e) => {
            const actor = describeActor(e);
            return (
              <Box component="li" key={String(e.id)} py={8} style={{ borderBottom: `1px solid ${colors.border}` }}>
                <Group gap="xs" wrap="wrap" align="baseline">
                  <RelativeTime value={e.at} size="xs" c="dimmed" w={110} />
                  <Badge size="xs" variant="light" color="gray" style={{ textTransform: "none" }} title={e.kind}>
                    {kindLabel(e.kind)}
                  </Badge>
                  <Text size="sm" className="trellis-break" style={{ flex: 1, minWidth: 200 }}>
                    {e.summary}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {actor.primary}
                    {actor.secondary ? ` (${actor.secondary})` : ""}
                  </Text>
                </Group>
              </Box>
            );
          })}
        </Box>
        {query.hasNextPage ? (
          <Group>
            <Button variant="default" size="xs" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              Show older events
            </Button>
          </Group>
        ) : null}
      </>
    );
  }

  return (
    <Stack gap="sm">
      <NativeSelect
        label="Event kind"
        size="xs"
        w={260}
        data={options}
        value={kind ?? ALL}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onKindChange(v === ALL ? undefined : v);
        }}
      />
      {body}
    </Stack>
  );
}
