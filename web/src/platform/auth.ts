import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, isApiError, setCsrfToken } from "@/platform/api";
import { queryClient } from "@/platform/query-client";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface RoleInfo {
  role: string;
  label: string;
  description: string;
}

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api<Session>("/session", { skipUnauthenticatedHandler: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export const sessionQuery = queryOptions({
  queryKey: ["session"],
  queryFn: fetchSession,
  staleTime: Infinity,
  refetchOnWindowFocus: false,
  retry: false,
});

/** The signed-in person, or null. Inside the app layout it is always set (the route guards it). */
export function useSession(): Session | null {
  return useQuery(sessionQuery).data ?? null;
}

export async function signIn(email: string, password: string): Promise<Session> {
  const session = await api<Session>("/session", {
    method: "POST",
    body: { email, password },
    skipUnauthenticatedHandler: true,
  });
  setCsrfToken(session.csrfToken);
  queryClient.setQueryData(sessionQuery.queryKey, session);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await api<void>("/session", { method: "DELETE", skipUnauthenticatedHandler: true });
  } catch (e) {
    // Already signed out on the server: the outcome the person wanted.
    if (!(isApiError(e) && e.status === 401)) throw e;
  }
  forgetSession();
}

/** Drops everything cached for the previous person. */
export function forgetSession(): void {
  setCsrfToken(null);
  queryClient.clear();
  queryClient.setQueryData(sessionQuery.queryKey, null);
}

/** A fresh CSRF token after a csrf_failed answer (the session may have been renewed). */
export async function refreshCsrfToken(): Promise<string | null> {
  const session = await fetchSession();
  queryClient.setQueryData(sessionQuery.queryKey, session);
  return session?.csrfToken ?? null;
}

export const rolesQuery = queryOptions({
  queryKey: ["roles"],
  queryFn: () => api<{ items: RoleInfo[] }>("/roles"),
  staleTime: 5 * 60_000,
});

/** Role key → label ("ta" → "Technical advisor"); the key itself until roles load. */
export function useRoleLabel(): (role: string) => string {
  const { data } = useQuery(rolesQuery);
  return (role) => data?.items.find((r) => r.role === role)?.label ?? role;
}

/**
 * Which pages a role may open. Mirrors the server's route × role table
 * (src/platform/http/authorization.ts); the server still decides, and a 403 is shown as such.
 */
const OUTBOX_READERS = new Set(["admin", "leadership", "growth", "cloud_ops", "sales_ops", "support"]);
const AUDIT_READERS = new Set(["admin", "leadership"]);
/** Create and edit instances, rotate and revoke their ingestion tokens. */
const INSTANCE_MANAGERS = new Set(["admin", "growth", "cloud_ops"]);

export const can = {
  administer: (role: string): boolean => role === "admin",
  viewOutbox: (role: string): boolean => OUTBOX_READERS.has(role),
  viewAudit: (role: string): boolean => AUDIT_READERS.has(role),
  manageInstances: (role: string): boolean => INSTANCE_MANAGERS.has(role),
};

/** Only same-origin paths: a crafted ?redirect= must not send people elsewhere. */
export function safeRedirect(target: unknown): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return "/";
  if (target.startsWith("/sign-in")) return "/";
  return target;
}
