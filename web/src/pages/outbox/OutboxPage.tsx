import { Button, Stack } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { can, useSession } from "@/platform/auth";
import { statusStyle } from "@/platform/status-colors";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { ListPageBody } from "@/platform/ui/ListPageBody";
import { PageHeader } from "@/platform/ui/PageHeader";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { outboxIsLive, outboxListQuery } from "@/pages/outbox/api";
import { OutboxDetailDrawer } from "@/pages/outbox/OutboxDetailDrawer";
import { OutboxFilterBar } from "@/pages/outbox/OutboxFilterBar";
import { OUTBOX_COLUMNS, OutboxTable } from "@/pages/outbox/OutboxTable";
import { channelLabel, type OutboxSearch } from "@/pages/outbox/search";
import { timing } from "@/theme";

const route = getRouteApi("/app/outbox");

export function OutboxPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/outbox" });
  const session = useSession();
  const isAdmin = session ? can.administer(session.user.role) : false;
  const filters = { status: search.status, channel: search.channel };
  const filtered = Boolean(search.status || search.channel);

  const list = useInfiniteQuery({ ...outboxListQuery(filters), placeholderData: keepPreviousData });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = list.data?.pages[0]?.counts;
  const live = outboxIsLive(list.data?.pages);

  const setSearch = (patch: Partial<OutboxSearch>) =>
    void navigate({ search: (prev: OutboxSearch) => ({ ...prev, ...patch }) });
  const clearFilters = () => setSearch({ status: undefined, channel: undefined });

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email and webhook Trellis sends: queued here first, delivered by the workers, kept with each attempt."
      />
      <Stack gap="sm">
        <OutboxFilterBar search={search} counts={counts} onChange={setSearch} onClear={clearFilters} />
        <ListPageBody
          list={list}
          count={items.length}
          what="the outbox"
          noun={["delivery", "deliveries"]}
          note={live ? ` · refreshing every ${timing.liveRefreshMs / 1000} s while deliveries are in flight` : ""}
          skeleton={<TableSkeleton label="Outbox deliveries" columns={OUTBOX_COLUMNS} />}
          keyboardHint="Keyboard: j / k move between rows, Enter opens the focused delivery."
          empty={
            filtered ? (
              <NoMatches title="No deliveries match these filters" onClear={clearFilters}>
                Nothing {search.status ? `is ${statusStyle("outbox", search.status).label.toLowerCase()}` : "is here"}
                {search.channel ? ` on the ${channelLabel(search.channel)} channel` : ""}. Remove a filter to see more deliveries.
              </NoMatches>
            ) : (
              <EmptyState
                title="The outbox is empty"
                actions={
                  isAdmin ? (
                    <Button component={Link} to="/settings/integrations" variant="light">
                      Send a test email
                    </Button>
                  ) : null
                }
              >
                Every email and webhook Trellis sends is queued here first, then delivered by the workers; failures stay here with
                their error so an admin can replay them. Nothing has been sent yet.
                {isAdmin ? " To check email delivery now, send a test email from Settings → Integrations." : ""}
              </EmptyState>
            )
          }
        >
          <OutboxTable items={items} dimmed={list.isPlaceholderData} onOpen={(id) => setSearch({ item: String(id) })} openId={search.item} />
        </ListPageBody>
      </Stack>
      <OutboxDetailDrawer id={search.item ?? null} canReplay={isAdmin} onClose={() => setSearch({ item: undefined })} />
    </>
  );
}
