import { statusStyle } from "@/platform/status-colors";
import { ChipGroup, ChoiceChips, FilterBar, statusOptions } from "@/platform/ui/FilterBar";
import { activeFilters } from "@/platform/ui/FilterPills";
import { UrlTextInput } from "@/platform/ui/UrlTextInput";
import { INSTANCE_KINDS, INSTANCE_STATUSES, kindLabel } from "@/pages/instances/api";
import type { InstancesSearch } from "@/pages/instances/search";

interface InstancesFilterBarProps {
  search: InstancesSearch;
  onChange: (patch: Partial<InstancesSearch>) => void;
  onClear: () => void;
}

const STATUS_OPTIONS = statusOptions("instance", INSTANCE_STATUSES);

/** Kind and status chips (click again to remove), a text search, and the filters in force as pills. */
export function InstancesFilterBar({ search, onChange, onClear }: InstancesFilterBarProps) {
  const active = activeFilters(search, onChange, {
    q: { name: "Search" },
    kind: { name: "Kind", value: kindLabel },
    status: { name: "Status", value: (s) => statusStyle("instance", s).label },
  });
  return (
    <FilterBar active={active} onClear={onClear}>
      <UrlTextInput label="Search instances" placeholder="Slug, name or company" w={240} value={search.q} onCommit={(q) => onChange({ q })} />
      <ChipGroup id="instances-kind-filter" label="Kind">
        <ChoiceChips options={INSTANCE_KINDS} value={search.kind} onChange={(kind) => onChange({ kind })} />
      </ChipGroup>
      <ChipGroup id="instances-status-filter" label="Status">
        <ChoiceChips options={STATUS_OPTIONS} value={search.status} onChange={(status) => onChange({ status })} />
      </ChipGroup>
    </FilterBar>
  );
}
