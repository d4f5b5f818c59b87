import { Badge, Code, Drawer, Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { formatDuration } from "@/platform/time";
import { ErrorState } from "@/platform/ui/ErrorState";
import { Facts } from "@/platform/ui/Facts";
import { JsonBlock } from "@/platform/ui/JsonBlock";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import { outboxItemQuery, type OutboxAttempt, type OutboxDetail } from "@/pages/outbox/api";
import { ReplayAction } from "@/pages/outbox/ReplayAction";
import { channelLabel } from "@/pages/outbox/search";
import { layout, tones } from "@/theme";
import { Notice } from "@/platform/ui/Notice";

interface OutboxDetailDrawerProps {
  /** The open item (from the URL), or null when closed. */
  id: string | null;
  canReplay: boolean;
  onClose: () => void;
}

export function OutboxDetailDrawer({ id, canReplay, onClose }: OutboxDetailDrawerProps) {
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={layout.drawerWidth}
      title={id ? `Delivery #${id}` : "Delivery"}
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 700 } }}
    >
      {id ? <DetailBody id={id} canReplay={canReplay} /> : null}
    </Drawer>
  );
}

function DetailBody({ id, canReplay }: { id: string; canReplay: boolean }) {
  const query = useQuery(outboxItemQuery(id));
  if (query.isPending) {
    return (
      <Stack aria-busy="true">
        <Text size="sm" c="dimmed" role="status">
          Loading delivery #{id}…
        </Text>
        <Skeleton height={20} width="60%" />
        <Skeleton height={120} />
        <Skeleton height={180} />
      </Stack>
    );
  }
  if (query.isError) {
    return <ErrorState error={query.error} what={`load delivery #${id}`} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  return <Detail detail={query.data} canReplay={canReplay} />;
}

function Detail({ detail, canReplay }: { detail: OutboxDetail; canReplay: boolean }) {
  const attempts = detail.attemptHistory;
  const replayable = detail.status === "dead" || detail.status === "cancelled";
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group gap="xs">
          <StatusPill domain="outbox" status={detail.status} size="md" />
          <Badge variant="default" style={{ textTransform: "none" }}>
            {channelLabel(detail.channel)}
          </Badge>
        </Group>
        <Text fw={500} className="trellis-break">
          {detail.summary || "(no summary)"}
        </Text>
        {canReplay && replayable ? <ReplayAction detail={detail} /> : null}
      </Stack>

      {detail.lastError ? (
        <Notice heading="Last error" announce="none">
          <Text size="sm" className="trellis-break" style={{ whiteSpace: "pre-wrap" }}>
            {detail.lastError}
          </Text>
        </Notice>
      ) : null}

      <Facts items={factsOf(detail)} />

      <Stack gap="xs">
        <Title order={3} size="h5">
          Payload
        </Title>
        <JsonBlock value={detail.payload} label="Payload" />
      </Stack>

      <Stack gap="xs">
        <Title order={3} size="h5">
          Attempts
        </Title>
        <AttemptsTable attempts={attempts} nextAttemptAt={detail.nextAttemptAt} />
      </Stack>
    </Stack>
  );
}

function factsOf(detail: OutboxDetail): [string, ReactNode][] {
  const waiting = detail.status === "pending" || detail.status === "retrying";
  const facts: [string, ReactNode][] = [
    ["Attempts", `${detail.attempts} of ${detail.maxAttempts}`],
    ["Next attempt", waiting ? <RelativeTime value={detail.nextAttemptAt} /> : "—"],
    ["Created", <RelativeTime value={detail.createdAt} />],
    ["Updated", <RelativeTime value={detail.updatedAt} />],
    ["Delivered", <RelativeTime value={detail.deliveredAt} empty="Not delivered" />],
    ["Subject", detail.subjectType ? `${detail.subjectType} ${detail.subjectId ?? ""}`.trim() : "—"],
  ];
  if (detail.endpoint) {
    const { name, url, active } = detail.endpoint;
    facts.push(["Endpoint", `${name} (${url})${active ? "" : " · inactive"}`]);
  }
  const pack = detail.packVersion ? ` · pack ${detail.packVersion}` : "";
  facts.push(["Caused by", detail.ruleId ? `rule ${detail.ruleId}${pack}` : `a person or the system${pack}`]);
  if (detail.idempotencyKey) facts.push(["Idempotency key", <Code>{detail.idempotencyKey}</Code>]);
  return facts;
}

function AttemptsTable({ attempts, nextAttemptAt }: { attempts: OutboxAttempt[]; nextAttemptAt: string | null }) {
  if (attempts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No delivery attempts yet.{" "}
        {nextAttemptAt ? (
          <>
            The first is due <RelativeTime value={nextAttemptAt} />.
          </>
        ) : null}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Delivery attempts" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">#</Table.Th>
            <Table.Th scope="col">Started</Table.Th>
            <Table.Th scope="col">Took</Table.Th>
            <Table.Th scope="col">Outcome</Table.Th>
            <Table.Th scope="col">HTTP / SMTP</Table.Th>
            <Table.Th scope="col">Error</Table.Th>
            <Table.Th scope="col">Worker</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attempts.map((a) => (
            <Table.Tr key={a.attempt}>
              <Table.Td>{a.attempt}</Table.Td>
              <Table.Td>
                <RelativeTime value={a.startedAt} />
              </Table.Td>
              <Table.Td className="trellis-nowrap">{a.finishedAt ? formatDuration(a.durationMs) : "running"}</Table.Td>
              <Table.Td>
                <StatusPill domain="attempt" status={a.outcome} size="xs" />
              </Table.Td>
              <Table.Td>{a.statusCode ?? "—"}</Table.Td>
              <Table.Td className="trellis-break" maw={240}>
                {a.error ? (
                  <Text size="xs" c={tones.danger}>
                    {a.error}
                  </Text>
                ) : (
                  "—"
                )}
              </Table.Td>
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {a.worker}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
