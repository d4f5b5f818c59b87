import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { can, useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { StatusPill } from "@/platform/ui/StatusPill";
import type { ChannelMessage } from "@/pages/channels/api";
import { RecordLink } from "@/pages/channels/RecordLink";

interface MessageListProps {
  messages: ChannelMessage[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** Messages newest first: who or which rule (and pack version), when, the record, the Slack copy's delivery. */
export function MessageList({ messages, hasMore, loadingMore, onLoadMore }: MessageListProps) {
  const session = useSession();
  const seesOutbox = session ? can.viewOutbox(session.user.role) : false;
  return (
    <Stack gap="xs">
      <Stack gap="xs" component="ol" aria-label="Messages" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {messages.map((m) => (
          <Paper key={m.id} component="li" withBorder radius="sm" p="sm">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={600}>
                  {m.actor.label}
                </Text>
                {m.ruleId ? (
                  <Badge size="xs" variant="light" style={{ textTransform: "none" }} title={`Rule ${m.ruleId}, process pack ${m.packVersion ?? "?"}`}>
                    {m.ruleId} · pack {m.packVersion ?? "?"}
                  </Badge>
                ) : null}
                <Text size="xs" c="dimmed">
                  <RelativeTime value={m.at} />
                </Text>
              </Group>
              {m.slack ? (
                <Group gap={6} wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    Slack
                  </Text>
                  <span title={m.slack.lastError ?? undefined}>
                    <StatusPill domain="outbox" status={m.slack.status} size="xs" />
                  </span>
                  {seesOutbox ? (
                    <AnchorLink to="/outbox" search={{ item: String(m.slack.outboxId) }} size="xs" aria-label={`Open Slack delivery #${m.slack.outboxId}`}>
                      #{m.slack.outboxId}
                    </AnchorLink>
                  ) : null}
                </Group>
              ) : null}
            </Group>
            <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {m.text}
            </Text>
            {m.subject ? (
              <Text size="xs" c="dimmed" mt={4}>
                About <RecordLink subject={m.subject} size="xs" />
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
      {hasMore ? (
        <Group>
          <Button variant="default" size="xs" onClick={onLoadMore} loading={loadingMore}>
            Load older messages
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
