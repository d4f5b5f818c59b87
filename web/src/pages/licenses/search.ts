import { oneOf, optionalString } from "@/platform/url-search";
import { SUBSCRIPTION_KINDS, type SubscriptionKind } from "@/pages/licenses/api";

/** The licenses list in the URL (`/licenses?kind=trial&expiring=soon&q=acme`), shareable by link. */
export interface LicensesSearch {
  q?: string;
  kind?: SubscriptionKind;
  expiring?: "soon";
}

export function validateLicensesSearch(raw: Record<string, unknown>): LicensesSearch {
  const out: LicensesSearch = {};
  const q = optionalString(raw.q);
  if (q) out.q = q.slice(0, 200);
  const kind = oneOf(
    raw.kind,
    SUBSCRIPTION_KINDS.map((k) => k.value),
  );
  if (kind) out.kind = kind;
  if (oneOf(raw.expiring, ["soon"] as const)) out.expiring = "soon";
  return out;
}

/** One subscription: `/licenses/<id>?kind=license.issued` (timeline filter). */
export interface SubscriptionSearch {
  kind?: string;
}

export function validateSubscriptionSearch(raw: Record<string, unknown>): SubscriptionSearch {
  const kind = optionalString(raw.kind);
  return kind ? { kind } : {};
}
