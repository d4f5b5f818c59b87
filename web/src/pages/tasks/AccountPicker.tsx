import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { timing } from "@/theme";
import { accountNameQuery, accountSearchQuery } from "@/pages/tasks/accounts-lookup";

interface AccountPickerProps {
  label: string;
  /** The chosen account id, or null. */
  value: string | null;
  onChange: (accountId: string | null) => void;
  placeholder?: string;
  size?: "xs" | "sm";
  w?: number;
  error?: string | undefined;
  disabled?: boolean;
}

/** Pick an account by typing part of its name or domain; the book can be large, so the server searches. */
export function AccountPicker({ label, value, onChange, placeholder = "Type to search accounts", size = "sm", w, error, disabled }: AccountPickerProps) {
  const [typed, setTyped] = useState("");
  const [q] = useDebouncedValue(typed.trim(), timing.searchDebounceMs);
  const found = useQuery({ ...accountSearchQuery(q), placeholderData: keepPreviousData, enabled: !disabled });
  const chosen = useQuery({ ...accountNameQuery(value ?? ""), enabled: value !== null });
  const options = (found.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  // The chosen account stays an option even when the search does not list it.
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: chosen.data?.name ?? "Loading…" });
  return (
    <Select
      label={label}
      size={size}
      w={w}
      placeholder={placeholder}
      searchable
      clearable
      data={options}
      value={value}
      onChange={(next) => onChange(next)}
      onSearchChange={setTyped}
      filter={({ options: all }) => all}
      nothingFoundMessage={found.isFetching ? "Searching…" : found.isError ? "Couldn't search the accounts" : "No account matches"}
      error={error}
      disabled={disabled ?? false}
    />
  );
}
