import { Button, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useSession } from "@/platform/auth";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { OffsetPager } from "@/platform/ui/OffsetPager";
import { PageHeader } from "@/platform/ui/PageHeader";
import { QueryError, QueryStates } from "@/platform/ui/QueryStates";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { accountListQuery, accountRoles, exportCsvUrl, PAGE_SIZE } from "@/pages/accounts/api";
import { AccountFormModal } from "@/pages/accounts/AccountFormModal";
import { AccountsFilterBar } from "@/pages/accounts/AccountsFilterBar";
import { ACCOUNT_COLUMNS, AccountsTable } from "@/pages/accounts/AccountsTable";
import { ImportDialog } from "@/pages/accounts/ImportDialog";
import { SavedViews } from "@/pages/accounts/SavedViews";
import { FILTER_KEYS, filtersOf, type AccountsSearch } from "@/pages/accounts/search";

const route = getRouteApi("/app/accounts");

type Dialog = "create" | "import" | null;

/** The account book: filter, sort, page, save views, export and import; a row opens the account. */
export function AccountsPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/accounts" });
  const session = useSession();
  const role = session?.user.role ?? "";
  const [dialog, setDialog] = useState<Dialog>(null);
  const filters = filtersOf(search);
  const page = search.page ?? 1;
  const filtered = FILTER_KEYS.some((k) => k !== "sort" && k !== "dir" && filters[k] !== undefined);

  const list = useQuery(accountListQuery(filters, (page - 1) * PAGE_SIZE));
  const items = list.data?.items ?? [];

  // A new filter starts again at page 1; the sort and the page keep the filters.
  const setSearch = (patch: Partial<AccountsSearch>) =>
    void navigate({ search: (prev: AccountsSearch) => ({ ...prev, ...patch, page: "page" in patch ? patch.page : undefined }) });
  const clearFilters = () => void navigate({ search: (prev: AccountsSearch) => ({ sort: prev.sort, dir: prev.dir }) });
  const open = (id: string) => void navigate({ to: "/accounts/$accountId", params: { accountId: id } });

  const canCreate = accountRoles.edit.has(role);
  const newAccount = canCreate ? <Button onClick={() => setDialog("create")}>New account</Button> : null;
  const importButton = accountRoles.importCsv.has(role) ? (
    <Button variant="default" onClick={() => setDialog("import")}>
      Import CSV
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The customer book: deal, team, segment, lifecycle stage and usage of every account."
        actions={
          <>
            <Button component="a" href={exportCsvUrl(filters)} download variant="default">
              Export CSV
            </Button>
            {importButton}
            {newAccount}
          </>
        }
      />
      <Stack gap="sm">
        <SavedViews filters={filters} onApply={(next) => void navigate({ search: next })} />
        <AccountsFilterBar search={search} onChange={setSearch} onClear={clearFilters} />
        <QueryStates
          query={list}
          what="load the accounts"
          skeleton={<TableSkeleton label="Accounts" columns={ACCOUNT_COLUMNS.map((c) => c.label)} />}
          isEmpty={items.length === 0}
          empty={
            list.isError ? (
              <QueryError query={list} what="load the accounts" />
            ) : filtered || page > 1 ? (
              <NoMatches title="No accounts match these filters" onClear={clearFilters}>
                {page > 1 ? `Page ${page} is past the last account. ` : ""}Search looks at names and domains; the owner filter finds the AE,
                CE, TA, TPM or IE. Remove a filter to see more.
              </NoMatches>
            ) : (
              <EmptyState
                title="No accounts yet"
                actions={
                  <Group gap="sm">
                    {newAccount}
                    {importButton}
                  </Group>
                }
              >
                Accounts arrive here when a deal is in play: create one with its domains, expected close, ARR and AE
                {importButton ? ", or import your CRM's export as CSV" : ""}. Setting its TA support level puts it in the
                customer-success book, where Trellis segments it and follows its lifecycle stage.
                {canCreate ? "" : " Ask an AE, CE, TA or sales ops colleague to add one."}
              </EmptyState>
            )
          }
        >
          {list.isError ? <QueryError query={list} what="refresh the accounts" /> : null}
          <AccountsTable
            items={items}
            sort={filters.sort}
            dir={filters.dir}
            onSort={(sort, dir) => setSearch({ sort, dir })}
            onOpen={open}
            dimmed={list.isPlaceholderData}
          />
          <OffsetPager
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            exact={list.data?.totalExact ?? true}
            noun={["account", "accounts"]}
            onPage={(next) => setSearch({ page: next > 1 ? next : undefined })}
            note={list.isPlaceholderData ? " (loading…)" : ""}
          />
          <Text size="xs" c="dimmed">
            Keyboard: j / k move between rows, Enter opens the focused account. Click a column heading to sort by it.
          </Text>
        </QueryStates>
      </Stack>
      {dialog === "create" ? <AccountFormModal mode="create" onClose={() => setDialog(null)} onCreated={(a) => open(a.id)} /> : null}
      {dialog === "import" ? <ImportDialog onClose={() => setDialog(null)} /> : null}
    </>
  );
}
