import { Group, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { FilterChip } from "@/platform/ui/FilterChip";
import { FilterPills, type ActiveFilter } from "@/platform/ui/FilterPills";
import { EXPIRING_SOON_DAYS, SUBSCRIPTION_KINDS, kindLabel } from "@/pages/licenses/api";
import type { LicensesSearch } from "@/pages/licenses/search";
import { timing, tones } from "@/theme";

interface LicensesFilterBarProps {
  search: LicensesSearch;
  onChange: (patch: Partial<LicensesSearch>) => void;
  onClear: () => void;
}

/** Kind and "expiring soon" chips (click again to remove), a text search, and the filters in force as pills. */
export function LicensesFilterBar({ search, onChange, onClear }: LicensesFilterBarProps) {
  const fromUrl = search.q ?? "";
  const [q, setQ] = useState(fromUrl);
  const push = useDebouncedCallback((next: string) => onChange({ q: next.trim() || undefined }), timing.filterDebounceMs);
  useEffect(() => setQ((typed) => (typed.trim() === fromUrl ? typed : fromUrl)), [fromUrl]);

  const active: ActiveFilter[] = [];
  if (search.q) active.push({ key: "q", name: "Search", value: search.q, onRemove: () => onChange({ q: undefined }) });
  if (search.kind) active.push({ key: "kind", name: "Kind", value: kindLabel(search.kind), onRemove: () => onChange({ kind: undefined }) });
  if (search.expiring) active.push({ key: "expiring", name: "Expiry", value: "Expiring soon", onRemove: () => onChange({ expiring: undefined }) });

  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search subscriptions"
          placeholder="Name, licensee, instance or CRM id"
          size="xs"
          w={260}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            push(e.currentTarget.value);
          }}
        />
        <div role="group" aria-labelledby="licenses-kind-filter">
          <Text id="licenses-kind-filter" size="xs" fw={500} mb={4}>
            Kind
          </Text>
          <Group gap={6}>
            {SUBSCRIPTION_KINDS.map((k) => (
              <FilterChip key={k.value} pressed={search.kind === k.value} onToggle={(pressed) => onChange({ kind: pressed ? k.value : undefined })}>
                {k.label}
              </FilterChip>
            ))}
          </Group>
        </div>
        <div role="group" aria-labelledby="licenses-expiry-filter">
          <Text id="licenses-expiry-filter" size="xs" fw={500} mb={4}>
            Expiry
          </Text>
          <FilterChip
            color={tones.warning}
            pressed={search.expiring === "soon"}
            onToggle={(pressed) => onChange({ expiring: pressed ? "soon" : undefined })}
            title={`The latest license expires within ${EXPIRING_SOON_DAYS} days`}
          >
            Expiring soon
          </FilterChip>
        </div>
      </Group>
      <FilterPills filters={active} onClearAll={onClear} />
    </Stack>
  );
}
