import { Badge, Group, Stack, Text, Title } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useSession } from "@/platform/auth";
import { AnchorLink } from "@/platform/ui/AnchorLink";
import { EmptyState } from "@/platform/ui/EmptyState";
import { Crumb } from "@/platform/ui/RecordHeader";
import { RecordLoadError } from "@/platform/ui/RecordPage";
import { RelativeTime } from "@/platform/ui/RelativeTime";
import { PageSkeleton } from "@/platform/ui/RouteStates";
import { Section } from "@/platform/ui/Section";
import { channelQuery, kindLabel, type ChannelDetail } from "@/pages/channels/api";
import { MirrorNote } from "@/pages/channels/ChannelsPage";
import { Composer } from "@/pages/channels/Composer";
import { MembersSection } from "@/pages/channels/MembersSection";
import { MessageList } from "@/pages/channels/MessageList";
import { canWriteChannels } from "@/pages/channels/permissions";
import { RecordLink } from "@/pages/channels/RecordLink";
import { SlackMirrorPill } from "@/pages/channels/SlackMirrorPill";
import { tones } from "@/theme";

const route = getRouteApi("/app/channels/$channelId");

export function ChannelPage() {
  const { channelId } = route.useParams();
  const session = useSession();
  const canWrite = session ? canWriteChannels(session.user.role) : false;
  const query = useInfiniteQuery(channelQuery(channelId));

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <RecordLoadError query={query} what="load this channel" back={<AnchorLink to="/channels">Back to all channels</AnchorLink>} />;
  const pages = query.data.pages;
  const channel = pages[0] as ChannelDetail;
  const messages = pages.flatMap((p) => p.messages.items);
  const mirrored = channel.slackMirror.enabled;

  return (
    <Stack gap="lg">
      <ChannelHeader channel={channel} />
      <MembersSection channelId={channel.id} channelName={channel.name} members={channel.members} canAdd={canWrite} mirrored={mirrored} />
      <Section title="Messages">
        {canWrite ? <Composer channelId={channel.id} channelName={channel.name} mirrored={mirrored} /> : null}
        {messages.length === 0 ? (
          <EmptyState title="No messages yet">
            Alerts the rules post to {channel.name} appear here, newest first, each with the rule and pack version behind it and a link
            to its record{canWrite ? "; you can also post one above" : ""}.
          </EmptyState>
        ) : (
          <MessageList
            messages={messages}
            hasMore={query.hasNextPage}
            loadingMore={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
          />
        )}
      </Section>
    </Stack>
  );
}

function ChannelHeader({ channel }: { channel: ChannelDetail }) {
  return (
    <Stack gap={6}>
      <Crumb to="/channels" label="Channels" />
      <Title order={1} ff="monospace">
        {channel.name}
      </Title>
      <Group gap="xs" wrap="wrap">
        <Badge variant="default" size="sm" style={{ textTransform: "none" }}>
          {kindLabel(channel.kind)}
        </Badge>
        <SlackMirrorPill mirror={channel.slack} />
        {channel.slack.slackChannelId ? (
          <Text size="xs" c="dimmed" ff="monospace">
            Slack {channel.slack.slackChannelId}
          </Text>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {channel.subject ? (
          <>
            For <RecordLink subject={channel.subject} />
            {" · "}
          </>
        ) : null}
        created <RelativeTime value={channel.createdAt} /> · <MirrorNote enabled={channel.slackMirror.enabled} envVar={channel.slackMirror.envVar} />
      </Text>
      {channel.slack.state === "failed" && channel.slack.error ? (
        <Text size="sm" c={tones.danger} role="alert">
          Slack mirror failed: {channel.slack.error}
        </Text>
      ) : null}
    </Stack>
  );
}
