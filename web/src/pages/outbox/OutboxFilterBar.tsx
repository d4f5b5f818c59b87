import { NativeSelect } from "@mantine/core";
import { OUTBOX_STATUSES, statusStyle } from "@/platform/status-colors";
import { ChipGroup, ChoiceChips, FilterBar, statusOptions } from "@/platform/ui/FilterBar";
import { activeFilters } from "@/platform/ui/FilterPills";
import type { OutboxCounts } from "@/pages/outbox/api";
import { channelLabel, OUTBOX_CHANNELS, type OutboxSearch } from "@/pages/outbox/search";

interface OutboxFilterBarProps {
  search: OutboxSearch;
  counts: OutboxCounts | undefined;
  onChange: (patch: Partial<OutboxSearch>) => void;
  onClear: () => void;
}

const ALL = "all";

/** Status chips with counts (click again to remove), a channel filter, and the active filters as pills. */
export function OutboxFilterBar({ search, counts, onChange, onClear }: OutboxFilterBarProps) {
  const channels: { value: string; label: string }[] = [{ value: ALL, label: "All channels" }, ...OUTBOX_CHANNELS];
  if (search.channel && !channels.some((c) => c.value === search.channel)) {
    channels.push({ value: search.channel, label: search.channel });
  }
  const statuses = statusOptions("outbox", OUTBOX_STATUSES).map((o) => {
    const count = counts?.[o.value];
    return count !== undefined ? { ...o, label: `${o.label} ${count}` } : o;
  });
  const active = activeFilters(search, onChange, {
    status: { name: "Status", value: (s) => statusStyle("outbox", s).label },
    channel: { name: "Channel", value: channelLabel },
  });

  return (
    <FilterBar active={active} onClear={onClear}>
      <ChipGroup id="outbox-status-filter" label="Status">
        <ChoiceChips options={statuses} value={search.status} onChange={(status) => onChange({ status })} />
      </ChipGroup>
      <NativeSelect
        label="Channel"
        size="xs"
        w={160}
        data={channels}
        value={search.channel ?? ALL}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange({ channel: v === ALL ? undefined : v });
        }}
      />
    </FilterBar>
  );
}
