import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { api } from "@/platform/api";

/** Mirrors the server (src/domains/licenses/*); the server still decides. */
export const SUBSCRIPTION_KINDS = [
  { value: "trial", label: "Trial" },
  { value: "production", label: "Production" },
] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number]["value"];

export type LicenseProblem = "malformed" | "unknown_key" | "bad_signature" | "expired";

export interface License {
  id: string;
  subscriptionId: string;
  keyId: string;
  licensee: string;
  /** 0 = unlimited. */
  userCount: number;
  tags: string[];
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  licenseKey: string;
  expired: boolean;
  expiresInDays: number;
}

export interface Verification {
  valid: boolean;
  reason: LicenseProblem | null;
  message: string;
}

export interface CheckedLicense extends License {
  verification: Verification;
}

export interface SubscriptionSummary {
  id: string;
  name: string;
  kind: SubscriptionKind | string;
  instance: { id: string; slug: string; name: string } | null;
  trialId: string | null;
  crmAccountId: string | null;
  createdAt: string;
  createdBy: string;
  latest: License | null;
  expiringSoon: boolean;
}

export interface SubscriptionDetail extends SubscriptionSummary {
  latest: CheckedLicense | null;
  licenses: CheckedLicense[];
}

export interface SubscriptionPage {
  items: SubscriptionSummary[];
  nextCursor: string | null;
}

export interface SubscriptionFilters {
  q?: string;
  kind?: string;
  expiringSoon?: boolean;
  instanceId?: string;
}

export interface LicenseTermsInput {
  licensee?: string;
  userCount: number;
  tags: string[];
  /** "2027-01-01" (00:00 UTC) or an ISO instant. */
  expiresAt: string;
}

export interface CreateSubscriptionInput extends LicenseTermsInput {
  name: string;
  instanceId?: string;
  crmAccountId?: string;
}

export interface IssuedLicense {
  subscriptionId?: string;
  licenseId: string;
  licenseKey: string;
}

export interface PublicKey {
  kid: string;
  algorithm: "Ed25519";
  publicKey: string;
  createdAt: string;
  current: boolean;
}

/** Same roles as the server's LICENSE_WRITE (src/platform/http/authorization.ts). */
const LICENSE_WRITERS = new Set(["admin", "growth", "cloud_ops", "sales_ops"]);
export const canManageLicenses = (role: string): boolean => LICENSE_WRITERS.has(role);

/** X: "expiring soon" = within 7 days (the server flags rows with the same rule). */
export const EXPIRING_SOON_DAYS = 7;

const PAGE_SIZE = 50;

export const licenseKeys = {
  all: ["licenses"] as const,
  lists: () => ["licenses", "list"] as const,
  list: (f: SubscriptionFilters) =>
    ["licenses", "list", { q: f.q ?? null, kind: f.kind ?? null, expiringSoon: f.expiringSoon ?? false, instanceId: f.instanceId ?? null }] as const,
  detail: (id: string) => ["licenses", "subscription", id] as const,
  publicKeys: ["licenses", "public-keys"] as const,
};

export function subscriptionListQuery(filters: SubscriptionFilters) {
  return infiniteQueryOptions({
    queryKey: licenseKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api<SubscriptionPage>("/subscriptions", {
        query: {
          q: filters.q,
          kind: filters.kind,
          expiringSoon: filters.expiringSoon ? "true" : undefined,
          instanceId: filters.instanceId,
          cursor: pageParam,
          limit: PAGE_SIZE,
        },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function subscriptionQuery(id: string) {
  return queryOptions({
    queryKey: licenseKeys.detail(id),
    queryFn: ({ signal }) => api<SubscriptionDetail>(`/subscriptions/${encodeURIComponent(id)}`, { signal }),
  });
}

export const publicKeysQuery = queryOptions({
  queryKey: licenseKeys.publicKeys,
  queryFn: ({ signal }) => api<{ keys: PublicKey[] }>("/license-keys", { signal }),
  staleTime: 5 * 60_000,
});

export function createSubscription(input: CreateSubscriptionInput): Promise<Required<IssuedLicense>> {
  return api("/subscriptions", { method: "POST", body: input });
}

export function issueLicense(subscriptionId: string, input: LicenseTermsInput): Promise<IssuedLicense> {
  return api(`/subscriptions/${encodeURIComponent(subscriptionId)}/licenses`, { method: "POST", body: input });
}

export function verifyLicenseKey(licenseKey: string): Promise<Verification & { payload: Record<string, unknown> | null }> {
  return api("/licenses/verify", { method: "POST", body: { licenseKey } });
}

/** After an issue: lists, the subscription and the timelines of what it is attached to refetch. */
export async function afterLicenseChange(queryClient: QueryClient, sub?: Pick<SubscriptionSummary, "id" | "instance" | "trialId">): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: licenseKeys.all });
  if (!sub) return;
  await queryClient.invalidateQueries({ queryKey: ["timeline", "subscription", sub.id] });
  if (sub.instance) await queryClient.invalidateQueries({ queryKey: ["timeline", "instance", sub.instance.id] });
  if (sub.trialId) await queryClient.invalidateQueries({ queryKey: ["timeline", "trial", sub.trialId] });
}

export function kindLabel(kind: string): string {
  return SUBSCRIPTION_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

export const formatUsers = (n: number): string => (n === 0 ? "Unlimited" : n.toLocaleString("en-US"));
