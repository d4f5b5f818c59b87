import { NativeSelect } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { rolesQuery, useRoleLabel, useSession } from "@/platform/auth";
import { statusStyle } from "@/platform/status-colors";
import { FilterBar } from "@/platform/ui/FilterBar";
import { activeFilters } from "@/platform/ui/FilterPills";
import { UrlTextInput } from "@/platform/ui/UrlTextInput";
import { usersQuery } from "@/pages/channels/api";
import { TASK_STATUSES, type TaskStatus } from "@/pages/tasks/api";
import { AccountPicker } from "@/pages/tasks/AccountPicker";
import { accountNameQuery } from "@/pages/tasks/accounts-lookup";
import { DUE_FILTERS, type DueFilter, type TasksSearch } from "@/pages/tasks/search";

interface TasksFilterBarProps {
  search: TasksSearch;
  onChange: (patch: Partial<TasksSearch>) => void;
  onClear: () => void;
  /** The list tab also filters by text, status and due day. */
  withListFilters?: boolean;
}

const ANY = "";

/** Person (me or anyone), team (role) and account, as selects and removable pills, all in the URL. */
export function TasksFilterBar({ search, onChange, onClear, withListFilters = false }: TasksFilterBarProps) {
  const session = useSession();
  const users = useQuery(usersQuery);
  const roles = useQuery(rolesQuery);
  const roleLabel = useRoleLabel();
  const account = useQuery({ ...accountNameQuery(search.account ?? ""), enabled: search.account !== undefined });
  const userName = (id: string): string => users.data?.items.find((u) => u.id === id)?.name ?? "someone";
  const active = activeFilters(search, onChange, {
    q: { name: "Search" },
    assignee: { name: "Person", value: (v) => (v === "me" || v === session?.user.id ? "me" : v === "none" ? "nobody" : userName(v)) },
    team: { name: "Team", value: roleLabel },
    account: { name: "Account", value: () => account.data?.name ?? "…" },
    status: { name: "Status", value: (s) => statusStyle("task", s).label },
    due: { name: "Due", value: (d) => DUE_FILTERS.find((f) => f.value === d)?.label ?? d },
  });
  const others = (users.data?.items ?? []).filter((u) => u.id !== session?.user.id).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <FilterBar active={active} onClear={onClear}>
      {withListFilters ? (
        <UrlTextInput label="Search tasks" placeholder="Words in the title" w={190} value={search.q} onCommit={(q) => onChange({ q })} />
      ) : null}
      <NativeSelect
        label="Person"
        size="xs"
        w={160}
        value={search.assignee === session?.user.id ? "me" : (search.assignee ?? ANY)}
        data={[{ value: ANY, label: "Anyone" }, { value: "me", label: "Me" }, { value: "none", label: "Nobody (unassigned)" }, ...others.map((u) => ({ value: u.id, label: u.name }))]}
        onChange={(e) => onChange({ assignee: e.currentTarget.value || undefined })}
      />
      <NativeSelect
        label="Team"
        size="xs"
        w={160}
        value={search.team ?? ANY}
        data={[{ value: ANY, label: "Any team" }, ...(roles.data?.items ?? []).map((r) => ({ value: r.role, label: r.label }))]}
        onChange={(e) => onChange({ team: e.currentTarget.value || undefined })}
      />
      <AccountPicker label="Account" size="xs" w={220} value={search.account ?? null} onChange={(id) => onChange({ account: id ?? undefined })} placeholder="Any account" />
      {withListFilters ? (
        <>
          <NativeSelect
            label="Status"
            size="xs"
            w={140}
            value={search.status ?? ANY}
            data={[{ value: ANY, label: "Any status" }, ...TASK_STATUSES.map((s) => ({ value: s, label: statusStyle("task", s).label }))]}
            onChange={(e) => onChange({ status: (e.currentTarget.value || undefined) as TaskStatus | undefined })}
          />
          <NativeSelect
            label="Due"
            size="xs"
            w={140}
            value={search.due ?? ANY}
            data={[{ value: ANY, label: "Any time" }, ...DUE_FILTERS]}
            onChange={(e) => onChange({ due: (e.currentTarget.value || undefined) as DueFilter | undefined })}
          />
        </>
      ) : null}
    </FilterBar>
  );
}
