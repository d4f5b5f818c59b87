import { Group, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { FilterChip } from "@/platform/ui/FilterChip";
import { FilterPills, type ActiveFilter } from "@/platform/ui/FilterPills";
import { CHANNEL_KINDS, kindLabel } from "@/pages/channels/api";
import type { ChannelsSearch } from "@/pages/channels/search";
import { timing } from "@/theme";

interface ChannelsFilterBarProps {
  search: ChannelsSearch;
  onChange: (patch: Partial<ChannelsSearch>) => void;
  onClear: () => void;
}

/** A name search and kind chips (click again to remove), with the filters in force as pills. */
export function ChannelsFilterBar({ search, onChange, onClear }: ChannelsFilterBarProps) {
  const fromUrl = search.q ?? "";
  const [q, setQ] = useState(fromUrl);
  const push = useDebouncedCallback((next: string) => onChange({ q: next.trim() || undefined }), timing.filterDebounceMs);
  useEffect(() => setQ((typed) => (typed.trim() === fromUrl ? typed : fromUrl)), [fromUrl]);

  const active: ActiveFilter[] = [];
  if (search.q) active.push({ key: "q", name: "Search", value: search.q, onRemove: () => onChange({ q: undefined }) });
  if (search.kind) active.push({ key: "kind", name: "Kind", value: kindLabel(search.kind), onRemove: () => onChange({ kind: undefined }) });

  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search channels"
          placeholder="Channel name"
          size="xs"
          w={240}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            push(e.currentTarget.value);
          }}
        />
        <div role="group" aria-labelledby="channels-kind-filter">
          <Text id="channels-kind-filter" size="xs" fw={500} mb={4}>
            Kind
          </Text>
          <Group gap={6}>
            {CHANNEL_KINDS.map((k) => (
              <FilterChip key={k.value} pressed={search.kind === k.value} onToggle={(pressed) => onChange({ kind: pressed ? k.value : undefined })}>
                {k.label}
              </FilterChip>
            ))}
          </Group>
        </div>
      </Group>
      <FilterPills filters={active} onClearAll={onClear} />
    </Stack>
  );
}
