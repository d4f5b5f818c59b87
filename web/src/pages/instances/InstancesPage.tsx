import { Button, Code, Stack, Text } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { can, useSession } from "@/platform/auth";
import { statusStyle } from "@/platform/status-colors";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { ListPageBody } from "@/platform/ui/ListPageBody";
import { PageHeader } from "@/platform/ui/PageHeader";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { ingestUrl, instanceListQuery, kindLabel, type InstanceSummary } from "@/pages/instances/api";
import { IngestTokenModal } from "@/pages/instances/IngestTokenModal";
import { InstanceFormModal } from "@/pages/instances/InstanceFormModal";
import { InstancesFilterBar } from "@/pages/instances/InstancesFilterBar";
import { INSTANCE_COLUMNS, InstancesTable } from "@/pages/instances/InstancesTable";
import type { InstancesSearch } from "@/pages/instances/search";

const route = getRouteApi("/app/instances");

type Dialog = { kind: "create" } | { kind: "token"; instance: InstanceSummary; token: string } | null;

export function InstancesPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/instances" });
  const session = useSession();
  const canManage = session ? can.manageInstances(session.user.role) : false;
  const [dialog, setDialog] = useState<Dialog>(null);
  const filtered = Boolean(search.q || search.kind || search.status);

  const list = useInfiniteQuery({ ...instanceListQuery(search), placeholderData: keepPreviousData });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setSearch = (patch: Partial<InstancesSearch>) =>
    void navigate({ search: (prev: InstancesSearch) => ({ ...prev, ...patch }) });
  const clearFilters = () => void navigate({ search: {} });
  const open = (id: string) => void navigate({ to: "/instances/$instanceId", params: { instanceId: id } });
  const newInstance = canManage ? <Button onClick={() => setDialog({ kind: "create" })}>New instance</Button> : null;

  return (
    <>
      <PageHeader
        title="Instances"
        description="Customer deployments Trellis receives telemetry from: who uses them, how much, and which signals they raised."
        actions={newInstance}
      />
      <Stack gap="sm">
        <InstancesFilterBar search={search} onChange={setSearch} onClear={clearFilters} />
        <ListPageBody
          list={list}
          count={items.length}
          what="the instances"
          noun={["instance", "instances"]}
          skeleton={<TableSkeleton label="Instances" columns={INSTANCE_COLUMNS} />}
          keyboardHint="Keyboard: j / k move between rows, Enter opens the focused instance."
          empty={
            filtered ? (
              <NoMatches title="No instances match these filters" onClear={clearFilters}>
                No {search.status ? `${statusStyle("instance", search.status).label.toLowerCase()} ` : ""}
                {search.kind ? `${kindLabel(search.kind).toLowerCase()} ` : ""}instances
                {search.q ? ` match “${search.q}”` : " here"}. Search looks at slugs, names and companies; remove a filter to see more.
              </NoMatches>
            ) : (
              <EmptyState title="No instances yet" actions={newInstance}>
                <Text size="sm" component="span">
                  Create an instance, then point its telemetry at <Code>{ingestUrl("events")}</Code> (and daily pings at{" "}
                  <Code>{ingestUrl("pings")}</Code>) with the ingestion token Trellis shows when it is created. Its users, activity,
                  feature adoption and PQL signals then appear here.
                  {canManage ? "" : " Ask an admin, growth or cloud ops colleague to create one."}
                </Text>
              </EmptyState>
            )
          }
        >
          <InstancesTable items={items} onOpen={open} dimmed={list.isPlaceholderData} />
        </ListPageBody>
      </Stack>
      {dialog?.kind === "create" ? (
        <InstanceFormModal
          mode="create"
          onClose={() => setDialog(null)}
          onCreated={(instance, token) => setDialog({ kind: "token", instance, token })}
        />
      ) : null}
      {dialog?.kind === "token" ? (
        <IngestTokenModal instanceName={dialog.instance.name} token={dialog.token} reason="created" onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
