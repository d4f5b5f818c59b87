import { Stack } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, type ComponentProps, type ReactNode } from "react";
import { timelineKeys } from "@/platform/timeline";
import { QueryError, type QueryLike } from "@/platform/ui/QueryStates";
import { RecordTimeline } from "@/platform/ui/RecordTimeline";
import { Section } from "@/platform/ui/Section";

/** A record that failed to load: what failed with a Retry, and the way back to its list. */
export function RecordLoadError({ query, what, back }: { query: QueryLike; what: string; back: ReactNode }) {
  return (
    <Stack maw={720}>
      <QueryError query={query} what={what} />
      <div>{back}</div>
    </Stack>
  );
}

/** The record's timeline as a page section: its memory, filterable by kind. */
export function TimelineSection(props: ComponentProps<typeof RecordTimeline>) {
  return (
    <Section title="Timeline">
      <RecordTimeline {...props} />
    </Section>
  );
}

/** A change seen by polling (a provisioner's callback, say) shows in the timeline too: refetch it when `changeKey` changes. */
export function useTimelineFollows(subjectType: string, subjectId: string, changeKey: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (changeKey) void queryClient.invalidateQueries({ queryKey: timelineKeys.subject(subjectType, subjectId) });
  }, [changeKey, subjectType, subjectId, queryClient]);
}
