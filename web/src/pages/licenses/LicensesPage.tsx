import { Button, Stack } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { ListPageBody } from "@/platform/ui/ListPageBody";
import { PageHeader } from "@/platform/ui/PageHeader";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { canManageLicenses, EXPIRING_SOON_DAYS, kindLabel, subscriptionListQuery } from "@/pages/licenses/api";
import { LicenseFormModal } from "@/pages/licenses/LicenseFormModal";
import { LicensesFilterBar } from "@/pages/licenses/LicensesFilterBar";
import type { LicensesSearch } from "@/pages/licenses/search";
import { SUBSCRIPTION_COLUMNS, SubscriptionsTable } from "@/pages/licenses/SubscriptionsTable";
import { VerifyKeyModal } from "@/pages/licenses/VerifyKeyModal";

const route = getRouteApi("/app/licenses");

/** X: subscriptions and their immutable, signed licenses; trials get theirs automatically (T6). */
export function LicensesPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/licenses" });
  const session = useSession();
  const canManage = session ? canManageLicenses(session.user.role) : false;
  const [dialog, setDialog] = useState<"create" | "verify" | null>(null);
  const filtered = Boolean(search.q || search.kind || search.expiring);

  const list = useInfiniteQuery({
    ...subscriptionListQuery({ q: search.q, kind: search.kind, expiringSoon: search.expiring === "soon" }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setSearch = (patch: Partial<LicensesSearch>) => void navigate({ search: (prev: LicensesSearch) => ({ ...prev, ...patch }) });
  const clearFilters = () => void navigate({ search: {} });
  const open = (id: string) => void navigate({ to: "/licenses/$subscriptionId", params: { subscriptionId: id } });
  const create = canManage ? <Button onClick={() => setDialog("create")}>New subscription</Button> : null;

  return (
    <>
      <PageHeader
        title="Licenses"
        description="Subscriptions and their signed license keys. Licenses never change: renewals, seat changes and extensions add a new one."
        actions={
          <>
            <Button variant="default" onClick={() => setDialog("verify")}>
              Verify a key
            </Button>
            {create}
          </>
        }
      />
      <Stack gap="sm">
        <LicensesFilterBar search={search} onChange={setSearch} onClear={clearFilters} />
        <ListPageBody
          list={list}
          count={items.length}
          what="the subscriptions"
          noun={["subscription", "subscriptions"]}
          skeleton={<TableSkeleton label="Subscriptions" columns={SUBSCRIPTION_COLUMNS} />}
          keyboardHint="Keyboard: j / k move between rows, Enter opens the focused subscription."
          empty={
            filtered ? (
              <NoMatches title="No subscriptions match these filters" onClear={clearFilters}>
                No {search.kind ? `${kindLabel(search.kind).toLowerCase()} ` : ""}subscriptions
                {search.expiring ? ` expire within ${EXPIRING_SOON_DAYS} days` : ""}
                {search.q ? ` match “${search.q}”` : search.expiring ? "" : " here"}. Remove a filter to see more.
              </NoMatches>
            ) : (
              <EmptyState title="No subscriptions yet" actions={create}>
                Approved trials get a trial subscription and license automatically. Production subscriptions are created here when a
                customer signs{canManage ? "" : " (by admin, growth, cloud ops or sales ops)"}.
              </EmptyState>
            )
          }
        >
          <SubscriptionsTable items={items} onOpen={open} dimmed={list.isPlaceholderData} />
        </ListPageBody>
      </Stack>
      {dialog === "create" ? <LicenseFormModal mode="subscription" onClose={() => setDialog(null)} onCreated={open} /> : null}
      {dialog === "verify" ? <VerifyKeyModal onClose={() => setDialog(null)} /> : null}
    </>
  );
}
