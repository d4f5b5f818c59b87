import { Group, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { statusStyle, type StatusDomain } from "@/platform/status-colors";
import { FilterChip } from "@/platform/ui/FilterChip";
import { FilterPills, type ActiveFilter } from "@/platform/ui/FilterPills";
import { tones } from "@/theme";

/** A list's filter controls in one wrapping row, then the filters in force as removable pills. */
export function FilterBar({ active, onClear, children }: { active: ActiveFilter[]; onClear: () => void; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end" wrap="wrap">
        {children}
      </Group>
      <FilterPills filters={active} onClearAll={onClear} />
    </Stack>
  );
}

/** Chips under a caption that names them for assistive tech; `id` keeps the caption linkable (aria-labelledby). */
export function ChipGroup({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div role="group" aria-labelledby={id}>
      <Text id={id} size="xs" fw={500} mb={4}>
        {label}
      </Text>
      <Group gap={6}>{children}</Group>
    </div>
  );
}

export interface ChipOption<T extends string> {
  value: T;
  label: string;
  color?: string;
  title?: string;
}

/** One-of chips for a URL filter: pressing a chip selects it, pressing it again clears the filter (undefined). */
export function ChoiceChips<T extends string>({ options, value, onChange }: { options: readonly ChipOption<T>[]; value: T | undefined; onChange: (next: T | undefined) => void }) {
  return options.map((o) => (
    <FilterChip key={o.value} color={o.color} title={o.title} pressed={value === o.value} onToggle={(pressed) => onChange(pressed ? o.value : undefined)}>
      {o.label}
    </FilterChip>
  ));
}

/** Status chips read the one status colour map, so a chip looks like the pill it filters for. */
export function statusOptions<T extends string>(domain: StatusDomain, statuses: readonly T[]): ChipOption<T>[] {
  return statuses.map((status) => {
    const style = statusStyle(domain, status);
    return { value: status, label: style.label, color: tones[style.tone], title: style.meaning };
  });
}
