import { oneOf, optionalString } from "@/platform/url-search";

export const ACTOR_TYPES = [
  { value: "user", label: "Person" },
  { value: "rule", label: "Rule" },
  { value: "api_token", label: "API token" },
  { value: "system", label: "System" },
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number]["value"];

/** The audit view in the URL, so a filtered log can be shared by link. */
export interface AuditSearch {
  actorType?: ActorType;
  action?: string;
  subjectType?: string;
  subjectId?: string;
}

export function validateAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const out: AuditSearch = {};
  const actorType = oneOf(
    raw.actorType,
    ACTOR_TYPES.map((a) => a.value),
  );
  if (actorType) out.actorType = actorType;
  const action = optionalString(raw.action);
  if (action) out.action = action;
  const subjectType = optionalString(raw.subjectType);
  if (subjectType) out.subjectType = subjectType;
  const subjectId = optionalString(raw.subjectId);
  if (subjectId) out.subjectId = subjectId;
  return out;
}

export function actorTypeLabel(value: string): string {
  return ACTOR_TYPES.find((a) => a.value === value)?.label ?? value;
}
