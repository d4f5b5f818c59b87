import { MultiSelect, NativeSelect, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useDebouncedCallback } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { FilterBar } from "@/platform/ui/FilterBar";
import { activeFilters } from "@/platform/ui/FilterPills";
import { UrlTextInput } from "@/platform/ui/UrlTextInput";
import { timing } from "@/theme";
import { HEALTH_BAND_FILTERS, healthBandLabel, USAGE_BANDS, usageBandLabel } from "@/pages/accounts/api";
import { formatArr, formatDay } from "@/pages/accounts/format";
import { accountTypeNames, segmentNames, stageNames, useAccountsPack } from "@/pages/accounts/pack";
import { activeUsersQuery, PersonSelect } from "@/pages/accounts/PersonSelect";
import { healthBands, type AccountsSearch } from "@/pages/accounts/search";

interface AccountsFilterBarProps {
  search: AccountsSearch;
  onChange: (patch: Partial<AccountsSearch>) => void;
  onClear: () => void;
}

const IN_BOOK = [
  { value: "", label: "Any" },
  { value: "true", label: "In the book" },
  { value: "false", label: "Not in the book" },
];

const MISSING_DATA = [
  { value: "", label: "Any" },
  { value: "true", label: "Missing inputs" },
  { value: "false", label: "Complete" },
];

/** Every filter of the account list; each writes the URL, and the ones in force show as removable pills. */
export function AccountsFilterBar({ search, onChange, onClear }: AccountsFilterBarProps) {
  const pack = useAccountsPack();
  const users = useQuery(activeUsersQuery);
  const ownerName = (id: string) => users.data?.items.find((u) => u.id === id)?.name ?? "a person";
  const active = activeFilters(search, onChange, {
    q: { name: "Search" },
    segment: { name: "Segment" },
    stage: { name: "Stage" },
    type: { name: "Type" },
    owner: { name: "Owner", value: ownerName },
    inBook: { name: "Book", value: (v) => (v === "true" ? "in the book" : "not in the book") },
    renewalFrom: { name: "Renewal from", value: formatDay },
    renewalTo: { name: "Renewal to", value: formatDay },
    arrMin: { name: "ARR at least", value: (v) => formatArr(Number(v)) },
    arrMax: { name: "ARR at most", value: (v) => formatArr(Number(v)) },
    usage: { name: "Usage", value: usageBandLabel },
    healthBand: { name: "Health", value: (v) => v.split(",").map(healthBandLabel).join(" or ") },
    missingData: { name: "Health data", value: (v) => (v === "true" ? "missing inputs" : "complete") },
  });
  return (
    <FilterBar active={active} onClear={onClear}>
      <UrlTextInput label="Search accounts" placeholder="Name or domain" w={220} value={search.q} onCommit={(q) => onChange({ q })} />
      <PackSelect label="Segment" options={segmentNames(pack.data)} value={search.segment} onChange={(segment) => onChange({ segment })} />
      <PackSelect label="Stage" options={stageNames(pack.data)} value={search.stage} onChange={(stage) => onChange({ stage })} />
      <PackSelect label="Type" options={accountTypeNames(pack.data)} value={search.type} onChange={(type) => onChange({ type })} />
      <PersonSelect
        label="Owner"
        emptyLabel="Anyone"
        size="xs"
        w={200}
        value={search.owner ?? ""}
        onChange={(owner) => onChange({ owner: owner || undefined })}
      />
      <NativeSelect
        label="In the book"
        size="xs"
        w={140}
        data={IN_BOOK}
        value={search.inBook ?? ""}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange({ inBook: v === "true" || v === "false" ? v : undefined });
        }}
      />
      <NativeSelect
        label="Usage"
        size="xs"
        w={190}
        data={[{ value: "", label: "Any" }, ...USAGE_BANDS]}
        value={search.usage ?? ""}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange({ usage: USAGE_BANDS.find((b) => b.value === v)?.value });
        }}
      />
      <MultiSelect
        label="Health band"
        placeholder={search.healthBand ? undefined : "Any"}
        size="xs"
        w={200}
        data={HEALTH_BAND_FILTERS.map((b) => ({ value: b.value, label: b.label }))}
        value={search.healthBand ? search.healthBand.split(",") : []}
        onChange={(bands) => onChange({ healthBand: healthBands(bands.join(",")) })}
        clearable
      />
      <NativeSelect
        label="Health data"
        size="xs"
        w={150}
        data={MISSING_DATA}
        value={search.missingData ?? ""}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange({ missingData: v === "true" || v === "false" ? v : undefined });
        }}
      />
      <DayFilter label="Renewal from" value={search.renewalFrom} onChange={(renewalFrom) => onChange({ renewalFrom })} />
      <DayFilter label="Renewal to" value={search.renewalTo} onChange={(renewalTo) => onChange({ renewalTo })} />
      <AmountFilter label="ARR from ($)" value={search.arrMin} onCommit={(arrMin) => onChange({ arrMin })} />
      <AmountFilter label="ARR to ($)" value={search.arrMax} onCommit={(arrMax) => onChange({ arrMax })} />
    </FilterBar>
  );
}

/** A one-of filter over pack names; a value from the URL the pack does not list still shows. */
function PackSelect({ label, options, value, onChange }: { label: string; options: string[]; value: string | undefined; onChange: (v: string | undefined) => void }) {
  const names = value && !options.includes(value) ? [...options, value] : options;
  return (
    <NativeSelect
      label={label}
      size="xs"
      w={150}
      data={[{ value: "", label: "Any" }, ...names.map((n) => ({ value: n, label: n }))]}
      value={value ?? ""}
      onChange={(e) => onChange(e.currentTarget.value || undefined)}
    />
  );
}

/** A calendar-day bound; writes the URL once the browser's date input holds a whole date (or is cleared). */
function DayFilter({ label, value, onChange }: { label: string; value: string | undefined; onChange: (v: string | undefined) => void }) {
  return (
    <TextInput
      type="date"
      label={label}
      size="xs"
      w={150}
      value={value ?? ""}
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (!v || /^\d{4}-\d{2}-\d{2}$/.test(v)) onChange(v || undefined);
      }}
    />
  );
}

/** A whole-dollar bound, written after a pause in typing; anything but digits shows an error and is not applied. */
function AmountFilter({ label, value: fromUrlValue, onCommit }: { label: string; value: string | undefined; onCommit: (v: string | undefined) => void }) {
  const fromUrl = fromUrlValue ?? "";
  const [value, setValue] = useState(fromUrl);
  const push = useDebouncedCallback((next: string) => {
    const clean = next.replace(/[\s,$]/g, "");
    if (clean === "" || /^\d{1,12}$/.test(clean)) onCommit(clean || undefined);
  }, timing.filterDebounceMs);
  useEffect(() => setValue((typed) => (typed.replace(/[\s,$]/g, "") === fromUrl ? typed : fromUrl)), [fromUrl]);
  const bad = value.trim() !== "" && !/^\d{1,12}$/.test(value.replace(/[\s,$]/g, ""));
  return (
    <TextInput
      label={label}
      size="xs"
      w={120}
      inputMode="numeric"
      placeholder="e.g. 50000"
      value={value}
      error={bad ? "Whole dollars" : undefined}
      onChange={(e) => {
        setValue(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
    />
  );
}
