import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/platform/api";
import type { Tone } from "@/theme";

/**
 * The process pack's customer-book sections, as GET /api/v1/meta/pack serves them: stage names,
 * segment names, account types, contact roles, support levels, kickoff cadences and trainings,
 * and the usage targets. Nothing here is a literal copy of the default pack, so a pack that
 * renames a stage or adds a contact role shows up without a web release.
 */
export interface AccountsPack {
  version: string;
  lifecycle: {
    onboardingDays: number;
    onboardingMauPerSeatTarget: number;
    adoptingDauPerMauTarget: number;
    adoptingMauPerSeatTarget: number;
    renewingDaysBeforeRenewal: number;
    /** Stage key → the stage's name in this pack ("onboarding" → "1. Onboarding"). */
    stages: Record<string, string>;
  };
  segments: {
    byDevelopers: { name: string; minDevelopers: number }[];
    scaledSuccess?: { name: string; arrBelow: number } | undefined;
  };
  accounts: {
    /** Key → name ("customer" → "Customer"). */
    types: Record<string, string>;
    otherTypes?: string[] | undefined;
    contactRoles: string[];
    contactsTaggedWithinDays?: number | undefined;
    taSupportLevels: string[];
  };
  handoff?: { productionLicenseTags?: string[] | undefined } | undefined;
  kickoff: {
    checkInCadences: { name: string; days: number }[];
    trainings: { name: string; afterDays: number }[];
  };
  /** S1–S4 health model (absent from servers before issue 6). */
  health?: HealthPack | undefined;
}

/** A number trait's threshold: exactly one of lt, lte, gt, gte. */
export type HealthCondition = { lt?: number; lte?: number; gt?: number; gte?: number };

export interface HealthPackTrait {
  key: string;
  label: string;
  description?: string | undefined;
  source: "manual" | "computed";
  kind: "grade" | "boolean" | "champion" | "number";
  /** champion only: the S4 criteria, all of which must hold. */
  criteria?: { key: string; label: string }[] | undefined;
  /** number only. */
  healthy?: HealthCondition | undefined;
  poor?: HealthCondition | undefined;
}

export interface HealthPackCategory {
  name: string;
  weight: number;
  traits: HealthPackTrait[];
}

export interface HealthPack {
  categories: HealthPackCategory[];
  missingData: "reweight" | "poor";
  gradePoints: { healthy: number; concerning: number; poor: number };
  /** Green at or above `green`, yellow at or above `yellow`, else red. */
  bands: { green: number; yellow: number };
  overrides: { when: { segments?: string[] | undefined; stages?: string[] | undefined }; categories: HealthPackCategory[]; missingData?: "reweight" | "poor" | undefined }[];
}

/** A trait's definition in any of the pack's health models (the default first, then the overrides). */
export function healthTraitDef(pack: AccountsPack | undefined, key: string): HealthPackTrait | undefined {
  const h = pack?.health;
  if (!h) return undefined;
  for (const categories of [h.categories, ...h.overrides.map((o) => o.categories)]) {
    for (const c of categories) {
      const found = c.traits.find((t) => t.key === key);
      if (found) return found;
    }
  }
  return undefined;
}

export const accountsPackQuery = queryOptions({
  queryKey: ["meta", "pack"],
  queryFn: ({ signal }) => api<AccountsPack>("/meta/pack", { signal }),
  staleTime: 5 * 60_000,
});

export function useAccountsPack() {
  return useQuery(accountsPackQuery);
}

/** Stage names in lifecycle order (the pack lists them prospect → renewing). */
export function stageNames(pack: AccountsPack | undefined): string[] {
  return pack ? Object.values(pack.lifecycle.stages) : [];
}

/** Every segment the pack can assign: by developers, then the ARR-based one. */
export function segmentNames(pack: AccountsPack | undefined): string[] {
  if (!pack) return [];
  const names = pack.segments.byDevelopers.map((s) => s.name);
  if (pack.segments.scaledSuccess) names.push(pack.segments.scaledSuccess.name);
  return [...new Set(names)];
}

export function accountTypeNames(pack: AccountsPack | undefined): string[] {
  if (!pack) return [];
  return [...new Set([...Object.values(pack.accounts.types), ...(pack.accounts.otherTypes ?? [])])];
}

/** A stage's colour by its role in the lifecycle (the key), whatever the pack names it. */
const STAGE_TONES: Record<string, Tone> = {
  prospect: "neutral",
  onboarding: "info",
  adopting: "progress",
  nurturing: "success",
  renewing: "warning",
};

export function stageTone(pack: AccountsPack | undefined, stage: string): Tone {
  const key = Object.entries(pack?.lifecycle.stages ?? {}).find(([, name]) => name === stage)?.[0];
  return (key && STAGE_TONES[key]) || "neutral";
}
