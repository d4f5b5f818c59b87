import { ChipGroup, ChoiceChips, FilterBar } from "@/platform/ui/FilterBar";
import { activeFilters } from "@/platform/ui/FilterPills";
import { UrlTextInput } from "@/platform/ui/UrlTextInput";
import { ACTOR_TYPES, actorTypeLabel, type AuditSearch } from "@/pages/audit/search";

interface AuditFilterBarProps {
  search: AuditSearch;
  onChange: (patch: Partial<AuditSearch>) => void;
  onClear: () => void;
}

export function AuditFilterBar({ search, onChange, onClear }: AuditFilterBarProps) {
  const active = activeFilters(search, onChange, {
    actorType: { name: "Who", value: actorTypeLabel },
    action: { name: "Action" },
    subjectType: { name: "Subject type" },
    subjectId: { name: "Subject ID" },
  });
  return (
    <FilterBar active={active} onClear={onClear}>
      <ChipGroup id="audit-actor-filter" label="Who">
        <ChoiceChips options={ACTOR_TYPES} value={search.actorType} onChange={(actorType) => onChange({ actorType })} />
      </ChipGroup>
      <UrlTextInput label="Action" placeholder="starts with, e.g. user." w={200} value={search.action} onCommit={(action) => onChange({ action })} />
      <UrlTextInput label="Subject type" placeholder="e.g. lead" w={140} value={search.subjectType} onCommit={(subjectType) => onChange({ subjectType })} />
      <UrlTextInput label="Subject ID" placeholder="e.g. 42" w={200} value={search.subjectId} onCommit={(subjectId) => onChange({ subjectId })} />
    </FilterBar>
  );
}
