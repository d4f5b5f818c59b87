import { Group, NativeSelect, Stack, Text } from "@mantine/core";
import { FilterChip } from "@/platform/ui/FilterChip";
import { OUTBOX_STATUSES, statusStyle } from "@/platform/status-colors";
import { FilterPills, type ActiveFilter } from "@/platform/ui/FilterPills";
import type { OutboxCounts } from "@/pages/outbox/api";
import { channelLabel, OUTBOX_CHANNELS, type OutboxSearch } from "@/pages/outbox/search";
import { tones } from "@/theme";

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

  const active: ActiveFilter[] = [];
  if (search.status) {
    active.push({
      key: "status",
      name: "Status",
      value: statusStyle("outbox", search.status).label,
      onRemove: () => onChange({ status: undefined }),
    });
  }
  if (search.channel) {
    active.push({ key: "channel", name: "Channel", value: channelLabel(search.channel), onRemove: () => onChange({ channel: undefined }) });
  }

  return (
    <Stack gap="xs">
      <Group gap="md" align="flex-end" wrap="wrap">
        <div role="group" aria-labelledby="outbox-status-filter">
          <Text id="outbox-status-filter" size="xs" fw={500} mb={4}>
            Status
          </Text>
          <Group gap={6}>
            {OUTBOX_STATUSES.map((status) => {
              const style = statusStyle("outbox", status);
              const count = counts?.[status];
              return (
                <FilterChip
                  key={status}
                  color={tones[style.tone]}
                  pressed={search.status === status}
                  onToggle={(pressed) => onChange({ status: pressed ? status : undefined })}
                  title={style.meaning}
                >
                  {style.label}
                  {count !== undefined ? ` ${count}` : ""}
                </FilterChip>
              );
            })}
          </Group>
        </div>
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
      </Group>
      <FilterPills filters={active} onClearAll={onClear} />
    </Stack>
  );
}
