import type { AppContext } from "../../../platform/app/context.js";
import { AppError } from "../../../platform/errors/app-error.js";
import type { Role } from "../../../platform/pack/pack-schema.js";
import { actorColumns, type Actor } from "../../../platform/timeline/actor.js";
import type { TrialDecision, TrialState } from "../schema.js";
import { convertTrial } from "./convert-trial.js";
import { extendTrial } from "./extend-trial.js";
import { isLive, lockTrialOrThrow } from "./lock-trial.js";
import { terminateTrial } from "./terminate-trial.js";
import { isUnused } from "../rules/due.js";

/**
 * Who may record which T10 decision. Growth runs trials (extend, terminate, convert); sales
 * ops converts PQLs (pack roles) but does not end or prolong trials; admin can do all.
 */
export const DECISION_ROLES: Record<TrialDecision, readonly Role[]> = {
  extend: ["admin", "growth"],
  terminate: ["admin", "growth"],
  convert: ["admin", "growth", "sales_ops"],
};

export interface RecordDecisionOptions {
  trialId: string;
  decision: TrialDecision;
  /** extend: days added to the current end (default pack trials.extensionDays). */
  days?: number | undefined;
  note?: string | null | undefined;
  /** convert: the production license. */
  userCount?: number | undefined;
  expiresAt?: Date | undefined;
  tags?: string[] | undefined;
  crmAccountId?: string | null | undefined;
  role: Role;
  actor: Actor;
  requestId?: string | undefined;
}

export interface DecisionResult {
  trialId: string;
  decision: TrialDecision;
  state: TrialState;
  endsAt: string | null;
  subscriptionId: string | null;
  licenseId: string | null;
}

/**
 * T10: records a decision (extend, convert or terminate) on a running or ended trial, in one
 * transaction: on any refusal nothing changes.
 */
export async function recordDecision(ctx: AppContext, o: RecordDecisionOptions): Promise<DecisionResult> {
  if (!DECISION_ROLES[o.decision].includes(o.role)) {
    throw new AppError("forbidden", `Role ${o.role} may not ${o.decision} a trial (allowed: ${DECISION_ROLES[o.decision].join(", ")}).`);
  }
  const pack = ctx.packs.current();
  const note = o.note?.trim() || null;
  const by = actorColumns(o.actor).actor_label;
  const result = await ctx.db.transaction().execute(async (trx): Promise<DecisionResult> => {
    const records = await lockTrialOrThrow(trx, o.trialId);
    const { trial } = records;
    if (!isLive(trial.state)) {
      throw new AppError("invalid_state", `Trial ${trial.id} is ${trial.state}: decisions are recorded on running or ended trials.`, {
        details: { state: trial.state },
      });
    }
    const base = { trialId: trial.id, decision: o.decision, subscriptionId: null, licenseId: null };
    switch (o.decision) {
      case "extend": {
        const endsAt = await extendTrial(trx, ctx, { records, days: o.days ?? pack.trials.extensionDays, note, actor: o.actor, by, requestId: o.requestId });
        return { ...base, state: "running", endsAt: endsAt.toISOString() };
      }
      case "convert": {
        const sub = await convertTrial(trx, ctx, { records, userCount: o.userCount, expiresAt: o.expiresAt, tags: o.tags, crmAccountId: o.crmAccountId, note, actor: o.actor, by, requestId: o.requestId });
        return { ...base, ...sub, state: "converted", endsAt: trial.ends_at?.toISOString() ?? null };
      }
      case "terminate": {
        await terminateTrial(trx, ctx, {
          records,
          actor: o.actor,
          reason: note ? `terminated by ${by}: ${note}` : `terminated by ${by}`,
          decision: { by, note },
          // The pack's email says nobody used the instance: only then is it the right words.
          emailAdmin: await isUnused(trx, trial),
          key: "T10.decision",
          requestId: o.requestId,
        });
        return { ...base, state: "terminated", endsAt: trial.ends_at?.toISOString() ?? null };
      }
      default: {
        const unreachable: never = o.decision;
        throw new Error(`unknown decision ${String(unreachable)}`);
      }
    }
  });
  ctx.notifyOutbox();
  return result;
}
