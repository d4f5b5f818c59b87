import { ChipGroup, ChoiceChips, FilterBar } from "@/platform/ui/FilterBar";
import { activeFilters } from "@/platform/ui/FilterPills";
import { UrlTextInput } from "@/platform/ui/UrlTextInput";
import { EXPIRING_SOON_DAYS, SUBSCRIPTION_KINDS, kindLabel } from "@/pages/licenses/api";
import type { LicensesSearch } from "@/pages/licenses/search";
import { tones } from "@/theme";

interface LicensesFilterBarProps {
  search: LicensesSearch;
  onChange: (patch: Partial<LicensesSearch>) => void;
  onClear: () => void;
}

const EXPIRY_OPTIONS = [
  { value: "soon", label: "Expiring soon", color: tones.warning, title: `The latest license expires within ${EXPIRING_SOON_DAYS} days` },
] as const;

/** Kind and "expiring soon" chips (click again to remove), a text search, and the filters in force as pills. */
export function LicensesFilterBar({ search, onChange, onClear }: LicensesFilterBarProps) {
  const active = activeFilters(search, onChange, {
    q: { name: "Search" },
    kind: { name: "Kind", value: kindLabel },
    expiring: { name: "Expiry", value: () => "Expiring soon" },
  });
  return (
    <FilterBar active={active} onClear={onClear}>
      <UrlTextInput label="Search subscriptions" placeholder="Name, licensee, instance or CRM id" w={260} value={search.q} onCommit={(q) => onChange({ q })} />
      <ChipGroup id="licenses-kind-filter" label="Kind">
        <ChoiceChips options={SUBSCRIPTION_KINDS} value={search.kind} onChange={(kind) => onChange({ kind })} />
      </ChipGroup>
      <ChipGroup id="licenses-expiry-filter" label="Expiry">
        <ChoiceChips options={EXPIRY_OPTIONS} value={search.expiring} onChange={(expiring) => onChange({ expiring })} />
      </ChipGroup>
    </FilterBar>
  );
}
