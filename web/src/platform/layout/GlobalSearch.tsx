import { Badge, Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { useRef, useState, type ReactNode } from "react";
import { api } from "@/platform/api";
import { useShortcut } from "@/platform/keyboard";
import { timing } from "@/theme";

export interface SearchResult {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  url: string;
}

/** The server answers nothing for shorter queries. */
const MIN_QUERY = 2;

const keyOf = (r: SearchResult): string => `${r.type}:${r.id}`;

/** Global search (any lead, account, instance, contact by name or domain). `/` focuses it. */
export function GlobalSearch() {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q.trim(), timing.searchDebounceMs);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  useShortcut("/", () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  });

  const search = useQuery({
    queryKey: ["search", debounced],
    queryFn: ({ signal }) => api<{ items: SearchResult[] }>("/search", { query: { q: debounced }, signal }),
    enabled: debounced.length >= MIN_QUERY,
    staleTime: 30_000,
  });

  const typed = q.trim();
  const settling = typed.length >= MIN_QUERY && (typed !== debounced || search.isFetching);
  const items = typed && debounced === typed ? (search.data?.items ?? []) : [];

  const open = (value: string) => {
    const item = items.find((r) => keyOf(r) === value);
    if (!item) return;
    combobox.closeDropdown();
    setQ("");
    inputRef.current?.blur();
    router.history.push(item.url);
  };

  let body: ReactNode;
  if (!typed) body = null;
  else if (typed.length < MIN_QUERY) body = <Combobox.Empty>Keep typing: search needs at least {MIN_QUERY} characters.</Combobox.Empty>;
  else if (search.isError && !settling) {
    body = <Combobox.Empty>Search failed: {(search.error as Error).message} Try again in a moment.</Combobox.Empty>;
  } else if (settling && items.length === 0) {
    body = <Combobox.Empty>Searching…</Combobox.Empty>;
  } else if (items.length === 0) {
    body = <Combobox.Empty>No matches for “{typed}”. Search looks at names and domains of leads, accounts, instances and contacts.</Combobox.Empty>;
  } else {
    body = items.map((r) => (
      <Combobox.Option value={keyOf(r)} key={keyOf(r)}>
        <Group gap="xs" wrap="nowrap">
          <Badge size="xs" variant="light" color="gray" style={{ textTransform: "none", flexShrink: 0 }}>
            {r.type}
          </Badge>
          <div style={{ minWidth: 0 }}>
            <Text size="sm" truncate>
              {r.title}
            </Text>
            {r.subtitle ? (
              <Text size="xs" c="dimmed" truncate>
                {r.subtitle}
              </Text>
            ) : null}
          </div>
        </Group>
      </Combobox.Option>
    ));
  }

  return (
    <Combobox store={combobox} onOptionSubmit={open} width={420} position="bottom-start">
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          type="search"
          aria-label="Search"
          placeholder="Search leads, accounts, contacts…"
          value={q}
          maw={420}
          miw={120}
          style={{ flex: 1 }}
          size="sm"
          onChange={(e) => {
            setQ(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              if (q) setQ("");
              else inputRef.current?.blur();
            }
          }}
          rightSection={settling && typed ? <Loader size={14} aria-hidden="true" /> : <Kbd size="xs" aria-hidden="true">/</Kbd>}
          rightSectionPointerEvents="none"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!typed}>
        <Combobox.Options aria-label="Search results">{body}</Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
