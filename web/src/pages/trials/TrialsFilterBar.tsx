import { Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { statusStyle } from "@/platform/status-colors";
import { FilterChip } from "@/platform/ui/FilterChip";
import { FilterPills, type ActiveFilter } from "@/platform/ui/FilterPills";
import { TRIAL_STATES, type TrialState } from "@/pages/trials/api";
import type { TrialsSearch } from "@/pages/trials/search";
import { timing } from "@/theme";

interface TrialsFilterBarProps {
  search: TrialsSearch;
  onChange: (patch: Partial<TrialsSearch>) => void;
  onClear: () => void;
}

const ANY = "any";

/** Search, state, "mine" and "closed too", with the filters in force as removable pills (all in the URL). */
export function TrialsFilterBar({ search, onChange, onClear }: TrialsFilterBarProps) {
  const fromUrl = search.q ?? "";
  const [q, setQ] = useState(fromUrl);
  const push = useDebouncedCallback((next: string) => onChange({ q: next.trim() || undefined }), timing.filterDebounceMs);
  // Follow the URL (a removed pill, back/forward) without undoing what is being typed.
  useEffect(() => setQ((typed) => (typed.trim() === fromUrl ? typed : fromUrl)), [fromUrl]);

  const active: ActiveFilter[] = [];
  if (search.q) active.push({ key: "q", name: "Search", value: search.q, onRemove: () => onChange({ q: undefined }) });
  if (search.state) active.push({ key: "state", name: "State", value: statusStyle("trial", search.state).label, onRemove: () => onChange({ state: undefined }) });
  if (search.owner) active.push({ key: "owner", name: "Owner", value: "me", onRemove: () => onChange({ owner: undefined }) });
  if (search.closed) active.push({ key: "closed", name: "Closed trials", value: "shown", onRemove: () => onChange({ closed: undefined }) });

  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search trials"
          placeholder="Company, slug or admin email"
          size="xs"
          w={240}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            push(e.currentTarget.value);
          }}
        />
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
      </Group>
      <FilterPills filters={active} onClearAll={onClear} />
    </Stack>
  );
}
