import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { addDays, daysBetween } from "../usage/days.js";
import { formatRatio } from "../handoff/formats.js";

export const STAGE_KEYS = ["prospect", "onboarding", "adopting", "nurturing", "renewing"] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

export interface StageInput {
  inBook: boolean;
  /** 'YYYY-MM-DD' or null while a prospect. */
  closedOn: string | null;
  /** The renewal date. */
  contractEnd: string | null;
  /** L4 latch: when both adoption targets were first met. */
  targetsMetAt: Date | null;
  mauPerSeat: number | null;
  dauPerMau: number | null;
}

export interface StageDecision {
  stage: StageKey;
  /** The pack's display name ("2. Adopting"): what accounts.stage and the history hold. */
  name: string;
  reason: string;
  /** L4: both targets are met now, so the caller latches targets_met_at. */
  latchTargets: boolean;
}

/**
 * L1–L5 for one account on `today` ('YYYY-MM-DD', UTC), from pack `lifecycle`; null outside the
 * book. Renewing (L5) wins from renewingDaysBeforeRenewal days before the contract end; then
 * Prospect until the close day (L1); Onboarding for onboardingDays days from it (day 0 to
 * onboardingDays − 1, L2); then Adopting until DAU/MAU and MAU/seats both reach their targets
 * (L3), after which Nurturing holds (L4, latched in targets_met_at).
 */
export function decideStage(pack: Pick<ProcessPack, "lifecycle">, input: StageInput, today: string): StageDecision | null {
  if (!input.inBook) return null;
  const l = pack.lifecycle;
  const decision = (stage: StageKey, reason: string, latchTargets = false): StageDecision => ({ stage, name: l.stages[stage], reason, latchTargets });

  if (input.contractEnd !== null) {
    const from = addDays(input.contractEnd, -l.renewingDaysBeforeRenewal);
    if (today >= from) {
      const left = daysBetween(today, input.contractEnd);
      const when = left >= 0 ? `${left} days away` : `${-left} days ago`;
      return decision("renewing", `Renewal on ${input.contractEnd} is ${when} (renewing from ${l.renewingDaysBeforeRenewal} days before, ${from})`);
    }
  }
  if (input.closedOn === null) return decision("prospect", "In the book, not closed yet");
  if (today < input.closedOn) return decision("prospect", `Closes on ${input.closedOn}`);

  const day = daysBetween(input.closedOn, today);
  const onboardingEnds = addDays(input.closedOn, l.onboardingDays);
  if (day < l.onboardingDays) {
    return decision("onboarding", `Closed on ${input.closedOn}: onboarding for ${l.onboardingDays} days, until ${onboardingEnds}`);
  }
  if (input.targetsMetAt !== null) {
    return decision("nurturing", `Adoption targets met on ${input.targetsMetAt.toISOString().slice(0, 10)} (DAU/MAU ≥ ${l.adoptingDauPerMauTarget}, MAU/seats ≥ ${l.adoptingMauPerSeatTarget})`);
  }
  const misses = adoptionMisses(pack, input);
  if (misses.length === 0) {
    return decision(
      "nurturing",
      `DAU/MAU ${formatRatio(input.dauPerMau ?? 0)} ≥ ${l.adoptingDauPerMauTarget} and MAU/seats ${formatRatio(input.mauPerSeat ?? 0)} ≥ ${l.adoptingMauPerSeatTarget}`,
      true,
    );
  }
  return decision("adopting", `Onboarding ended on ${onboardingEnds}; ${misses.join(", ")}`);
}

/** L3: what still keeps an account in Adopting ("MAU/seats 0.62 < 0.8"); empty when both targets are met. */
export function adoptionMisses(pack: Pick<ProcessPack, "lifecycle">, input: Pick<StageInput, "mauPerSeat" | "dauPerMau">): string[] {
  const l = pack.lifecycle;
  const misses: string[] = [];
  if (input.dauPerMau === null) misses.push(`DAU/MAU unknown (no monthly active users) < ${l.adoptingDauPerMauTarget}`);
  else if (input.dauPerMau < l.adoptingDauPerMauTarget) misses.push(`DAU/MAU ${formatRatio(input.dauPerMau)} < ${l.adoptingDauPerMauTarget}`);
  if (input.mauPerSeat === null) misses.push(`MAU/seats unknown (no seats or no usage) < ${l.adoptingMauPerSeatTarget}`);
  else if (input.mauPerSeat < l.adoptingMauPerSeatTarget) misses.push(`MAU/seats ${formatRatio(input.mauPerSeat)} < ${l.adoptingMauPerSeatTarget}`);
  return misses;
}

/** A stage given as its key ("adopting") or the pack's name ("2. Adopting"), as its key; undefined when neither. */
export function stageKeyOf(pack: Pick<ProcessPack, "lifecycle">, stage: string): StageKey | undefined {
  const trimmed = stage.trim();
  return STAGE_KEYS.find((key) => key === trimmed || pack.lifecycle.stages[key] === trimmed);
}
