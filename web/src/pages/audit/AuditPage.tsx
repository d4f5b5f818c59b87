import { Stack } from "@mantine/core";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { EmptyState, NoMatches } from "@/platform/ui/EmptyState";
import { ListPageBody } from "@/platform/ui/ListPageBody";
import { PageHeader } from "@/platform/ui/PageHeader";
import { TableSkeleton } from "@/platform/ui/TableSkeleton";
import { auditListQuery } from "@/pages/audit/api";
import { AuditFilterBar } from "@/pages/audit/AuditFilterBar";
import { AUDIT_COLUMNS, AuditTable } from "@/pages/audit/AuditTable";
import type { AuditSearch } from "@/pages/audit/search";

const route = getRouteApi("/app/audit");

export function AuditPage() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/audit" });
  const filtered = Object.values(search).some(Boolean);

  const list = useInfiniteQuery({ ...auditListQuery(search), placeholderData: keepPreviousData });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setSearch = (patch: Partial<AuditSearch>) =>
    void navigate({ search: (prev: AuditSearch) => ({ ...prev, ...patch }), replace: false });
  const clear = () => void navigate({ search: {} });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what, when and why: every change by a person, an API token or a rule (with its pack version)."
      />
      <Stack gap="sm">
        <AuditFilterBar search={search} onChange={setSearch} onClear={clear} />
        <ListPageBody
          list={list}
          count={items.length}
          what="the audit log"
          noun={["entry", "entries"]}
          moreNote=", newest first"
          skeleton={<TableSkeleton label="Audit log" columns={AUDIT_COLUMNS} />}
          keyboardHint="Keyboard: j / k move between entries, Enter shows or hides an entry's data."
          empty={
            filtered ? (
              <NoMatches title="No entries match these filters" onClear={clear}>
                Nothing recorded matches. Check the spelling of the action or subject, or remove a filter to widen the search.
              </NoMatches>
            ) : (
              <EmptyState title="Nothing recorded yet">
                Every change made in Trellis, by a person, an API token or an automated rule, is recorded here the moment it
                happens, with who did it, when, and why. Entries appear as soon as someone changes settings or a rule fires.
              </EmptyState>
            )
          }
        >
          <AuditTable items={items} dimmed={list.isPlaceholderData} onFilterSubject={(subjectType, subjectId) => setSearch({ subjectType, subjectId })} />
        </ListPageBody>
      </Stack>
    </>
  );
}
