import { Group, NativeSelect } from "@mantine/core";
import { statusStyle } from "@/platform/status-colors";
import { FilterBar } from "@/platform/ui/FilterBar";
import { FilterChip } from "@/platform/ui/FilterChip";
import { activeFilters } from "@/platform/ui/FilterPills";
import { UrlTextInput } from "@/platform/ui/UrlTextInput";
import { TRIAL_STATES, type TrialState } from "@/pages/trials/api";
import type { TrialsSearch } from "@/pages/trials/search";

interface TrialsFilterBarProps {
  search: TrialsSearch;
  onChange: (patch: Partial<TrialsSearch>) => void;
  onClear: () => void;
}

const ANY = "any";

/** Search, state, "mine" and "closed too", with the filters in force as removable pills (all in the URL). */
export function TrialsFilterBar({ search, onChange, onClear }: TrialsFilterBarProps) {
  const active = activeFilters(search, onChange, {
    q: { name: "Search" },
    state: { name: "State", value: (s) => statusStyle("trial", s).label },
    owner: { name: "Owner", value: () => "me" },
    closed: { name: "Closed trials", value: () => "shown" },
  });
  return (
    <FilterBar active={active} onClear={onClear}>
      <UrlTextInput label="Search trials" placeholder="Company, slug or admin email" w={240} value={search.q} onCommit={(q) => onChange({ q })} />
      <NativeSelect
        label="State"
        size="xs"
        w={220}
        value={search.state ?? ANY}
        data={[{ value: ANY, label: "Any state" }, ...TRIAL_STATES.map((s) => ({ value: s, label: statusStyle("trial", s).label }))]}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange({ state: v === ANY ? undefined : (v as TrialState) });
        }}
      />
      <Group gap={6} pb={4}>
        <FilterChip pressed={search.owner === "me"} onToggle={(pressed) => onChange({ owner: pressed ? "me" : undefined })} title="Only trials you own">
          Mine
        </FilterChip>
        <FilterChip
          pressed={search.closed === "1"}
          onToggle={(pressed) => onChange({ closed: pressed ? "1" : undefined })}
          title="Also show converted, terminated and cancelled trials"
        >
          Show closed
        </FilterChip>
      </Group>
    </FilterBar>
  );
}
