import { queryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";

export interface TeamUser {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  bookingUrl: string | null;
  /** False until a password is set: such a person cannot sign in yet. */
  hasPassword?: boolean;
  createdAt: string;
}

export interface CreateUserInput {
  email: string;
  name: string;
  role: string;
  password?: string;
  bookingUrl?: string;
}

export interface UpdateUserInput {
  name?: string;
  role?: string;
  active?: boolean;
  bookingUrl?: string | null;
}

export const usersQuery = queryOptions({
  queryKey: ["users"],
  // Deactivated people too: they must stay visible to be reactivated.
  queryFn: ({ signal }) => api<{ items: TeamUser[] }>("/users", { query: { includeInactive: "true" }, signal }),
});

export function createUser(input: CreateUserInput): Promise<TeamUser> {
  return api<TeamUser>("/users", { method: "POST", body: input });
}

export function updateUser(id: string, patch: UpdateUserInput): Promise<TeamUser> {
  return api<TeamUser>(`/users/${encodeURIComponent(id)}`, { method: "PATCH", body: patch });
}

/** Admin sets someone's password; the server signs them out everywhere. */
export function setUserPassword(id: string, password: string): Promise<void> {
  return api<void>(`/users/${encodeURIComponent(id)}/password`, { method: "POST", body: { password } });
}
