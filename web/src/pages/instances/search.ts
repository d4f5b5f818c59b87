import { oneOf, optionalString } from "@/platform/url-search";
import { INSTANCE_KINDS, INSTANCE_STATUSES, type InstanceKind, type InstanceStatus } from "@/pages/instances/api";

/** The instances list in the URL (`/instances?kind=trial&status=active&q=acme`), shareable by link. */
export interface InstancesSearch {
  q?: string;
  kind?: InstanceKind;
  status?: InstanceStatus;
}

export function validateInstancesSearch(raw: Record<string, unknown>): InstancesSearch {
  const out: InstancesSearch = {};
  const q = optionalString(raw.q);
  if (q) out.q = q.slice(0, 200);
  const kind = oneOf(
    raw.kind,
    INSTANCE_KINDS.map((k) => k.value),
  );
  if (kind) out.kind = kind;
  const status = oneOf(raw.status, INSTANCE_STATUSES);
  if (status) out.status = status;
  return out;
}

/** Chart ranges offered on the instance page (the API accepts 7..730 days). */
export const USAGE_RANGES = ["30", "90", "180", "365"] as const;
export type UsageRange = (typeof USAGE_RANGES)[number];
export const DEFAULT_RANGE: UsageRange = "90";

/** One instance: `/instances/<id>?days=180&kind=usage.pql_criteria_met` (chart range, timeline filter). */
export interface InstanceSearch {
  days?: UsageRange;
  kind?: string;
}

export function validateInstanceSearch(raw: Record<string, unknown>): InstanceSearch {
  const out: InstanceSearch = {};
  const days = oneOf(typeof raw.days === "number" ? String(raw.days) : raw.days, USAGE_RANGES);
  if (days) out.days = days;
  const kind = optionalString(raw.kind);
  if (kind) out.kind = kind;
  return out;
}
