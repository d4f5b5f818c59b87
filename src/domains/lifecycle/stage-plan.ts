import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import type { AccountRow } from "../accounts/schema.js";
import type { UsageSnapshot } from "./account-usage.js";
import { decideStage, type StageDecision, type StageInput } from "./stage-rules.js";

/** The columns the stage evaluation reads. */
export type StageRow = Pick<
  AccountRow,
  | "id"
  | "in_book_at"
  | "closed_on"
  | "contract_end"
  | "targets_met_at"
  | "seats"
  | "stage"
  | "stage_reason"
  | "stage_override"
  | "stage_override_reason"
  | "stage_override_by"
  | "usage_mau"
  | "usage_dau_avg"
  | "usage_mau_per_seat"
  | "usage_dau_per_mau"
  | "usage_at"
>;

/** The stage in force and why: the manual override while one is set, else the computed decision. */
export interface StageInForce {
  name: string;
  reason: string;
  manual: boolean;
}

/** What one evaluation changes on an account; each part only when it differs from the row. */
export interface StagePlan {
  accountId: string;
  decision: StageDecision;
  /** New usage snapshot (null clears it: no active instance any more); undefined when unchanged. */
  usage?: UsageSnapshot | null | undefined;
  /** L4: latch targets_met_at now. */
  latchTargets: boolean;
  /** The stage moves (history, timeline, audit). */
  stage?: { from: string | null; to: string; reason: string } | undefined;
}

export const overrideReason = (by: string | null, reason: string | null): string => `Set manually by ${by ?? "someone"}: ${reason ?? "no reason given"}`;

export function stageInForce(row: Pick<StageRow, "stage_override" | "stage_override_by" | "stage_override_reason">, decision: StageDecision): StageInForce {
  if (row.stage_override !== null) return { name: row.stage_override, reason: overrideReason(row.stage_override_by, row.stage_override_reason), manual: true };
  return { name: decision.name, reason: decision.reason, manual: false };
}

function sameUsage(row: StageRow, next: UsageSnapshot | null): boolean {
  if (next === null) return row.usage_at === null && row.usage_mau === null;
  return (
    row.usage_mau === next.mau &&
    row.usage_dau_avg === next.dauAvg &&
    row.usage_mau_per_seat === next.mauPerSeat &&
    row.usage_dau_per_mau === next.dauPerMau
  );
}

/**
 * One account's evaluation, decided in memory: the single-account path (evaluate-stage.ts) and
 * the daily set-based pass (evaluate-all-stages.ts) both apply this, so they cannot disagree.
 * Null outside the book.
 */
export function planStage(pack: Pick<ProcessPack, "lifecycle">, row: StageRow, usage: UsageSnapshot | null, today: string): StagePlan | null {
  const decision = decideStage(pack, inputOf(row, usage), today);
  if (!decision) return null;
  const inForce = stageInForce(row, decision);
  return {
    accountId: row.id,
    decision,
    usage: sameUsage(row, usage) ? undefined : usage,
    latchTargets: decision.latchTargets && row.targets_met_at === null,
    stage: inForce.name === row.stage ? undefined : { from: row.stage, to: inForce.name, reason: inForce.reason },
  };
}

const inputOf = (row: StageRow, usage: UsageSnapshot | null): StageInput => ({
  inBook: row.in_book_at !== null,
  closedOn: row.closed_on,
  contractEnd: row.contract_end,
  targetsMetAt: row.targets_met_at,
  mauPerSeat: usage?.mauPerSeat ?? null,
  dauPerMau: usage?.dauPerMau ?? null,
});

/** Whether a plan writes anything. */
export const planChanges = (p: StagePlan): boolean => p.usage !== undefined || p.latchTargets || p.stage !== undefined;
