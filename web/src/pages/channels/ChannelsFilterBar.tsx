import { ChipGroup, ChoiceChips, FilterBar } from "@/platform/ui/FilterBar";
import { activeFilters } from "@/platform/ui/FilterPills";
import { UrlTextInput } from "@/platform/ui/UrlTextInput";
import { CHANNEL_KINDS, kindLabel } from "@/pages/channels/api";
import type { ChannelsSearch } from "@/pages/channels/search";

interface ChannelsFilterBarProps {
  search: ChannelsSearch;
  onChange: (patch: Partial<ChannelsSearch>) => void;
  onClear: () => void;
}

/** A name search and kind chips (click again to remove), with the filters in force as pills. */
export function ChannelsFilterBar({ search, onChange, onClear }: ChannelsFilterBarProps) {
  const active = activeFilters(search, onChange, { q: { name: "Search" }, kind: { name: "Kind", value: kindLabel } });
  return (
    <FilterBar active={active} onClear={onClear}>
      <UrlTextInput label="Search channels" placeholder="Channel name" w={240} value={search.q} onCommit={(q) => onChange({ q })} />
      <ChipGroup id="channels-kind-filter" label="Kind">
        <ChoiceChips options={CHANNEL_KINDS} value={search.kind} onChange={(kind) => onChange({ kind })} />
      </ChipGroup>
    </FilterBar>
  );
}
