import { NativeSelect } from "@mantine/core";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/platform/api";
import { useRoleLabel } from "@/platform/auth";

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  role: string;
}

/** Active people (the same cache entry the channels page reads). */
export const activeUsersQuery = queryOptions({
  queryKey: ["users", "active"],
  queryFn: ({ signal }) => api<{ items: TeamMember[] }>("/users", { signal }),
  staleTime: 60_000,
});

interface PersonSelectProps {
  label: string;
  value: string;
  onChange: (userId: string) => void;
  /** People with this role are listed first ("ta" for the TA picker). */
  preferRole?: string | undefined;
  /** Only people with this role (the server refuses others). */
  onlyRole?: string | undefined;
  /** The empty option's text ("Anyone", "Nobody"). */
  emptyLabel: string;
  error?: string | undefined;
  description?: string | undefined;
  size?: "xs" | "sm";
  w?: number | undefined;
  required?: boolean;
}

/** A person picker over GET /users; a native select, so it is labelled and keyboard-friendly everywhere. */
export function PersonSelect({ label, value, onChange, preferRole, onlyRole, emptyLabel, error, description, size = "sm", w, required }: PersonSelectProps) {
  const users = useQuery(activeUsersQuery);
  const roleLabel = useRoleLabel();
  const people = (users.data?.items ?? []).filter((u) => !onlyRole || u.role === onlyRole);
  const option = (u: TeamMember) => ({ value: u.id, label: `${u.name} (${roleLabel(u.role)})` });
  const preferred = preferRole ? people.filter((u) => u.role === preferRole) : [];
  const others = preferRole ? people.filter((u) => u.role !== preferRole) : people;
  const data = [
    { value: "", label: users.isPending ? "Loading people…" : emptyLabel },
    ...(preferred.length ? [{ group: `${roleLabel(preferRole ?? "")}s`, items: preferred.map(option) }] : []),
    ...(preferred.length && others.length ? [{ group: "Everyone else", items: others.map(option) }] : others.map(option)),
  ];
  // A value not in the list (a deactivated owner) stays selectable so the form does not clear it silently.
  const known = people.some((u) => u.id === value);
  return (
    <NativeSelect
      label={label}
      size={size}
      w={w}
      description={description}
      required={required}
      data={value && !known && !users.isPending ? [...data, { value, label: "Current owner (inactive or not listed)" }] : data}
      value={value}
      error={error ?? (users.isError ? "Couldn't load the people list; reload to try again." : undefined)}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** "Ada Lovelace", or a dimmed dash. */
export function personName(p: { name: string } | null | undefined): string {
  return p?.name ?? "—";
}
