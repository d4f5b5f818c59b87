import { Code, Stack } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { ListPageBody } from "@/platform/ui/ListPageBody";
import { PageHeader } from "@/platform/ui/PageHeader";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { channelListQuery, kindLabel } from "@/pages/channels/api";
import { ChannelsFilterBar } from "@/pages/channels/ChannelsFilterBar";
import { CHANNEL_COLUMNS, ChannelsTable } from "@/pages/channels/ChannelsTable";
import type { ChannelsSearch } from "@/pages/channels/search";

const route = getRouteApi("/app/channels");

export function ChannelsPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/channels" });
  const filtered = Boolean(search.q || search.kind);
  const list = useInfiniteQuery({ ...channelListQuery(search), placeholderData: keepPreviousData });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mirror = list.data?.pages[0]?.slackMirror;

  const setSearch = (patch: Partial<ChannelsSearch>) => void navigate({ search: (prev: ChannelsSearch) => ({ ...prev, ...patch }) });
  const clearFilters = () => void navigate({ search: {} });
  const open = (id: string) => void navigate({ to: "/channels/$channelId", params: { channelId: id } });

  return (
    <>
      <PageHeader
        title="Channels"
        description={
          <>
            Alert feeds and per-company trial channels: who is in them, what the rules posted, and the records they are about.{" "}
            {mirror ? <MirrorNote enabled={mirror.enabled} envVar={mirror.envVar} /> : null}
          </>
        }
      />
      <Stack gap="sm">
        <ChannelsFilterBar search={search} onChange={setSearch} onClear={clearFilters} />
        <ListPageBody
          list={list}
          count={items.length}
          what="the channels"
          noun={["channel", "channels"]}
          skeleton={<TableSkeleton label="Channels" columns={CHANNEL_COLUMNS} />}
          keyboardHint="Keyboard: j / k move between rows, Enter opens the focused channel."
          empty={
            filtered ? (
              <NoMatches title="No channels match these filters" onClear={clearFilters}>
                No {search.kind ? `${kindLabel(search.kind).toLowerCase()}s` : "channels"}
                {search.q ? ` match “${search.q}”` : " here"}. Remove a filter to see more.
              </NoMatches>
            ) : (
              <EmptyState title="No channels yet">
                Alert feeds (such as #cloud-trial-alerts) appear here when the first alert is posted to them, and a company's trial
                channel when its trial is approved or becomes a PQL.
              </EmptyState>
            )
          }
        >
          <ChannelsTable items={items} onOpen={open} dimmed={list.isPlaceholderData} />
        </ListPageBody>
      </Stack>
    </>
  );
}

/** Whether messages also go to Slack, and what turns that on. */
export function MirrorNote({ enabled, envVar }: { enabled: boolean; envVar: string }) {
  return enabled ? (
    <>Mirrored to Slack through the outbox.</>
  ) : (
    <>
      Slack mirror off (no <Code>{envVar}</Code>).
    </>
  );
}
