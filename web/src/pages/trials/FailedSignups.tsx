import { Button, Code, Popover, Stack, Table, Text } from "@mantine/core";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";
import { useSession } from "@/platform/auth";
import { DataTable } from "@/platform/ui/DataTable";
import { EmptyState } from "@/platform/ui/EmptyState";
import { JsonBlock } from "@/platform/ui/JsonBlock";
import { notifyError, notifySuccess, notifyWarning } from "@/platform/ui/notify";
import { QueryStates } from "@/platform/ui/QueryStates";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { trialRoles } from "@/pages/trials/api";

/** T2: a signup whose processing failed, kept exactly as it arrived. */
interface FailedSignup {
  id: string;
  receivedAt: string;
  email: string | null;
  error: string | null;
  attempts: number;
  payload: unknown;
}

/** What a replay answers: the signup's outcome ("accepted": it failed again and is kept). */
interface ReplayAnswer {
  outcome?: string;
  message?: string;
}

const failedQuery = queryOptions({
  queryKey: ["signups", "failed"],
  queryFn: ({ signal }) => api<{ items: FailedSignup[] }>("/signups/failed", { signal }),
});

const COLUMNS = ["Received", "Email", "Error", "Attempts", "Submission", ""];

/** T2: failed signups (admin, support), each replayable; the toast says how the replay went. */
export function FailedSignups() {
  const queryClient = useQueryClient();
  const query = useQuery(failedQuery);
  const canReplay = trialRoles.replaySignups.has(useSession()?.user.role ?? "");
  const replay = useMutation({
    mutationFn: (s: FailedSignup) => api<ReplayAnswer>(`/signups/${encodeURIComponent(s.id)}/replay`, { method: "POST", body: {} }),
    onSuccess: async (answer, s) => {
      const who = s.email ?? "the submission";
      // "accepted" means the submission was kept again for replay: it failed once more.
      if (answer?.outcome === "accepted") notifyWarning(`Replay of ${who} failed again`, "It is still in this list with the new error; support was emailed.");
      else notifySuccess(`Replayed ${who}`, answer?.message ?? (answer?.outcome ? `Outcome: ${answer.outcome}.` : "It is now processed."));
      await Promise.all([queryClient.invalidateQueries({ queryKey: ["signups"] }), queryClient.invalidateQueries({ queryKey: ["leads"] })]);
    },
    onError: (e, s) => notifyError(e, `replay ${s.email ?? "the submission"}`),
  });

  const items = query.data?.items ?? [];
  return (
    <QueryStates
      query={query}
      what="load the failed signups"
      failed={query.isError}
      skeleton={<TableSkeleton label="Failed signups" columns={COLUMNS} rows={4} />}
      isEmpty={items.length === 0}
      empty={
        <EmptyState title="No failed signups">
          Every signup was processed. When one fails, its raw submission is kept here and support is emailed; replay it once the
          cause is fixed, so no request is lost.
        </EmptyState>
      }
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          These signups were stored but could not be processed. Fix the cause (see the error), then replay: the requester gets the
          usual answer by email.
        </Text>
        <DataTable label="Failed signups" columns={COLUMNS} minWidth={760}>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <RelativeTime value={s.receivedAt} size="sm" />
              </Table.Td>
              <Table.Td>{s.email ?? <Text span c="dimmed" size="sm">(no email)</Text>}</Table.Td>
              <Table.Td maw={360}>
                <Code className="trellis-break" style={{ whiteSpace: "pre-wrap" }}>
                  {s.error ?? "unknown"}
                </Code>
              </Table.Td>
              <Table.Td ta="right">{s.attempts}</Table.Td>
              <Table.Td>
                <Popover width={420} position="bottom-start" shadow="md">
                  <Popover.Target>
                    <Button variant="subtle" size="compact-xs" aria-label={`Show the submission of ${s.email ?? s.id}`}>
                      Show
                    </Button>
                  </Popover.Target>
                  <Popover.Dropdown>
                    <JsonBlock value={s.payload} label={`Submission of ${s.email ?? s.id}`} maxHeight={300} />
                  </Popover.Dropdown>
                </Popover>
              </Table.Td>
              <Table.Td>
                <Button
                  disabled={!canReplay}
                  title={canReplay ? undefined : "Only admins and support replay signups."}
                  size="compact-xs"
                  variant="light"
                  loading={replay.isPending && replay.variables?.id === s.id}
                  onClick={() => replay.mutate(s)}
                  aria-label={`Replay ${s.email ?? s.id}`}
                >
                  Replay
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Stack>
    </QueryStates>
  );
}
