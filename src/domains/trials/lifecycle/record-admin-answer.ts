import type { AppContext } from "../../../platform/app/context.js";
import { AppError } from "../../../platform/errors/app-error.js";
import type { Actor } from "../../../platform/timeline/actor.js";
import { recordTrialChange } from "../trial-records.js";
import { isLive, lockTrialOrThrow } from "./lock-trial.js";

export interface RecordAdminAnswerOptions {
  trialId: string;
  /** What the admin said ("still setting up, back from holiday next week"). */
  note: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * T9 "if no answer": growth records that the admin replied to the unused warning, so T9.terminate
 * leaves the trial alone (the trial still ends normally under T10). The first answer's time is
 * kept; every answer goes on the timelines.
 */
export async function recordAdminAnswer(ctx: AppContext, o: RecordAdminAnswerOptions): Promise<{ trialId: string; adminAnsweredAt: string }> {
  const note = o.note.trim();
  return ctx.db.transaction().execute(async (trx) => {
    const { trial } = await lockTrialOrThrow(trx, o.trialId);
    if (!isLive(trial.state)) {
      throw new AppError("invalid_state", `Trial ${trial.id} is ${trial.state}: an answer only matters while it runs.`, { details: { state: trial.state } });
    }
    const now = ctx.clock.now();
    const answeredAt = trial.admin_answered_at ?? now;
    await trx.updateTable("trials").set({ admin_answered_at: answeredAt, updated_at: now }).where("id", "=", trial.id).execute();
    await recordTrialChange(trx, ctx, {
      trial,
      actor: o.actor,
      action: "trial.admin_answered",
      summary: `The admin answered: ${note}`,
      data: { note, firstAnswer: trial.admin_answered_at === null },
      reason: note,
      requestId: o.requestId,
    });
    return { trialId: trial.id, adminAnsweredAt: answeredAt.toISOString() };
  });
}
