import { queryOptions } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { ExistingInstance } from "@/pages/leads/api";

/** One of the pack's optional signup fields (signup.fields). */
export type SignupField =
  | { key: string; label: string; type: "text"; maxLength?: number }
  | { key: string; label: string; type: "select"; options: string[] };

export const signupFormQuery = queryOptions({
  queryKey: ["public", "signup-form"],
  queryFn: ({ signal }) => api<{ fields: SignupField[] }>("/public/signup-form", { signal, skipUnauthenticatedHandler: true }),
  staleTime: 5 * 60_000,
});

export interface SignupInput {
  name: string;
  email: string;
  company: string;
  fields?: Record<string, string>;
  /** Honeypot: a person never sees it, so it stays empty. */
  website?: string;
}

export type SignupOutcomeKind = "received" | "preparing" | "existing_instance" | "high_demand" | "accepted";

export interface SignupAnswer {
  outcome: SignupOutcomeKind;
  message: string;
  requestId: string | null;
  duplicate: boolean;
  instances: ExistingInstance[];
}

export function submitSignup(input: SignupInput): Promise<SignupAnswer> {
  return api<SignupAnswer>("/public/signup", { method: "POST", body: input, skipUnauthenticatedHandler: true });
}

export function requestAccess(body: { requestId: string; instanceId: string; message?: string }): Promise<unknown> {
  return api("/public/access-requests", { method: "POST", body, skipUnauthenticatedHandler: true });
}

/** A label for a field key ("jobTitle" → "Job title"), from the form when known. */
export function fieldLabel(fields: readonly SignupField[] | undefined, key: string): string {
  return fields?.find((f) => f.key === key)?.label ?? key;
}
