import { Button, Group, Pill, Text } from "@mantine/core";

export interface ActiveFilter {
  key: string;
  /** "Status", "Channel". */
  name: string;
  /** Human value: "Dead", "email". */
  value: string;
  onRemove: () => void;
}

/** The filters in force, each removable, plus "Clear all". Renders nothing when none apply. */
export function FilterPills({ filters, onClearAll }: { filters: ActiveFilter[]; onClearAll: () => void }) {
  if (filters.length === 0) return null;
  return (
    <Group gap="xs" role="group" aria-label="Active filters">
      <Text size="xs" c="dimmed">
        Filtered by
      </Text>
      {filters.map((f) => (
        <Pill
          key={f.key}
          withRemoveButton
          onRemove={f.onRemove}
          // Pill hides its remove button from assistive tech by default (it is built for
          // PillsInput); here it is the only way to remove the filter, so expose it.
          removeButtonProps={{ "aria-label": `Remove filter ${f.name}: ${f.value}`, "aria-hidden": false, tabIndex: 0 }}
        >
          {f.name}: {f.value}
        </Pill>
      ))}
      {filters.length > 1 ? (
        <Button variant="subtle" size="compact-xs" onClick={onClearAll}>
          Clear all filters
        </Button>
      ) : null}
    </Group>
  );
}

/** How one search param shows as a pill: its name, and its value for people (the raw value if omitted). */
export type PillSpecs<S> = { [K in keyof S]?: { name: string; value?: (value: NonNullable<S[K]>) => string } };

/** The search params that are set, as pills in the order of `specs`; removing one clears that param. */
export function activeFilters<S extends object>(search: S, onChange: (patch: Partial<S>) => void, specs: PillSpecs<S>): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  for (const key of Object.keys(specs) as (keyof S & string)[]) {
    const spec = specs[key];
    const value = search[key];
    if (!spec || !value) continue;
    const onRemove = () => onChange({ [key]: undefined } as Partial<S>);
    active.push({ key, name: spec.name, value: spec.value ? spec.value(value as NonNullable<S[typeof key]>) : String(value), onRemove });
  }
  return active;
}
