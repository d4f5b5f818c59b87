import { Group, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { statusStyle } from "@/platform/status-colors";
import { FilterChip } from "@/platform/ui/FilterChip";
import { FilterPills, type ActiveFilter } from "@/platform/ui/FilterPills";
import { INSTANCE_KINDS, INSTANCE_STATUSES, kindLabel } from "@/pages/instances/api";
import type { InstancesSearch } from "@/pages/instances/search";
import { timing, tones } from "@/theme";

interface InstancesFilterBarProps {
  search: InstancesSearch;
  onChange: (patch: Partial<InstancesSearch>) => void;
  onClear: () => void;
}

/** Kind and status chips (click again to remove), a text search, and the filters in force as pills. */
export function InstancesFilterBar({ search, onChange, onClear }: InstancesFilterBarProps) {
  const fromUrl = search.q ?? "";
  const [q, setQ] = useState(fromUrl);
  const push = useDebouncedCallback((next: string) => onChange({ q: next.trim() || undefined }), timing.filterDebounceMs);
  // Follow the URL (a removed pill, back/forward) without undoing what is being typed.
  useEffect(() => setQ((typed) => (typed.trim() === fromUrl ? typed : fromUrl)), [fromUrl]);

  const active: ActiveFilter[] = [];
  if (search.q) active.push({ key: "q", name: "Search", value: search.q, onRemove: () => onChange({ q: undefined }) });
  if (search.kind) active.push({ key: "kind", name: "Kind", value: kindLabel(search.kind), onRemove: () => onChange({ kind: undefined }) });
  if (search.status) {
    active.push({ key: "status", name: "Status", value: statusStyle("instance", search.status).label, onRemove: () => onChange({ status: undefined }) });
  }

  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search instances"
          placeholder="Slug, name or company"
          size="xs"
          w={240}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            push(e.currentTarget.value);
          }}
        />
        <div role="group" aria-labelledby="instances-kind-filter">
          <Text id="instances-kind-filter" size="xs" fw={500} mb={4}>
            Kind
          </Text>
          <Group gap={6}>
            {INSTANCE_KINDS.map((k) => (
              <FilterChip key={k.value} pressed={search.kind === k.value} onToggle={(pressed) => onChange({ kind: pressed ? k.value : undefined })}>
                {k.label}
              </FilterChip>
            ))}
          </Group>
        </div>
        <div role="group" aria-labelledby="instances-status-filter">
          <Text id="instances-status-filter" size="xs" fw={500} mb={4}>
            Status
          </Text>
          <Group gap={6}>
            {INSTANCE_STATUSES.map((status) => {
              const style = statusStyle("instance", status);
              return (
                <FilterChip
                  key={status}
                  color={tones[style.tone]}
                  pressed={search.status === status}
                  onToggle={(pressed) => onChange({ status: pressed ? status : undefined })}
                  title={style.meaning}
                >
                  {style.label}
                </FilterChip>
              );
            })}
          </Group>
        </div>
      </Group>
      <FilterPills filters={active} onClearAll={onClear} />
    </Stack>
  );
}
