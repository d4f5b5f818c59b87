import { Group, Stack, Text, TextInput } from "@mantine/core";
import { FilterChip } from "@/platform/ui/FilterChip";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState, type ChangeEvent } from "react";
import { FilterPills, type ActiveFilter } from "@/platform/ui/FilterPills";
import { ACTOR_TYPES, actorTypeLabel, type AuditSearch } from "@/pages/audit/search";
import { timing } from "@/theme";

interface AuditFilterBarProps {
  search: AuditSearch;
  onChange: (patch: Partial<AuditSearch>) => void;
  onClear: () => void;
}

type TextKey = "action" | "subjectType" | "subjectId";

/** A text filter that updates the URL after a pause in typing, and follows the URL when it changes. */
function useUrlText(key: TextKey, search: AuditSearch, onChange: (patch: Partial<AuditSearch>) => void) {
  const fromUrl = search[key] ?? "";
  const [value, setValue] = useState(fromUrl);
  const push = useDebouncedCallback((next: string) => onChange({ [key]: next.trim() || undefined }), timing.filterDebounceMs);
  // Follow the URL (a removed pill, back/forward) without undoing what is being typed.
  useEffect(() => setValue((typed) => (typed.trim() === fromUrl ? typed : fromUrl)), [fromUrl]);
  return {
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      setValue(e.currentTarget.value);
      push(e.currentTarget.value);
    },
  };
}

export function AuditFilterBar({ search, onChange, onClear }: AuditFilterBarProps) {
  const action = useUrlText("action", search, onChange);
  const subjectType = useUrlText("subjectType", search, onChange);
  const subjectId = useUrlText("subjectId", search, onChange);

  const active: ActiveFilter[] = [];
  if (search.actorType) {
    active.push({ key: "actorType", name: "Who", value: actorTypeLabel(search.actorType), onRemove: () => onChange({ actorType: undefined }) });
  }
  if (search.action) active.push({ key: "action", name: "Action", value: search.action, onRemove: () => onChange({ action: undefined }) });
  if (search.subjectType) {
    active.push({ key: "subjectType", name: "Subject type", value: search.subjectType, onRemove: () => onChange({ subjectType: undefined }) });
  }
  if (search.subjectId) {
    active.push({ key: "subjectId", name: "Subject ID", value: search.subjectId, onRemove: () => onChange({ subjectId: undefined }) });
  }

  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end" wrap="wrap">
        <div role="group" aria-labelledby="audit-actor-filter">
          <Text id="audit-actor-filter" size="xs" fw={500} mb={4}>
            Who
          </Text>
          <Group gap={6}>
            {ACTOR_TYPES.map((a) => (
              <FilterChip
                key={a.value}
                pressed={search.actorType === a.value}
                onToggle={(pressed) => onChange({ actorType: pressed ? a.value : undefined })}
              >
                {a.label}
              </FilterChip>
            ))}
          </Group>
        </div>
        <TextInput label="Action" placeholder="starts with, e.g. user." size="xs" w={200} type="search" {...action} />
        <TextInput label="Subject type" placeholder="e.g. lead" size="xs" w={140} type="search" {...subjectType} />
        <TextInput label="Subject ID" placeholder="e.g. 42" size="xs" w={200} type="search" {...subjectId} />
      </Group>
      <FilterPills filters={active} onClearAll={onClear} />
    </Stack>
  );
}
