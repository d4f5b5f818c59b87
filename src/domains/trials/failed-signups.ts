import type { AppContext } from "../../platform/app/context.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { audit } from "../../platform/timeline/record.js";
import { runSubmission, type SubmitSignupResult } from "./submit-signup.js";

export interface FailedSignupView {
  id: string;
  receivedAt: Date;
  email: string | null;
  error: string | null;
  attempts: number;
  payload: Record<string, unknown>;
}

/** T2: submissions whose processing failed, newest first, for support to replay. */
export async function listFailedSignups(ctx: AppContext): Promise<FailedSignupView[]> {
  const rows = await ctx.db.selectFrom("signup_submissions").selectAll().where("status", "=", "failed").orderBy("received_at", "desc").limit(500).execute();
  return rows.map((r) => ({ id: r.id, receivedAt: r.received_at, email: r.email, error: r.error, attempts: r.attempts, payload: r.payload }));
}

/** T2: processes a failed submission again, exactly as it arrived. */
export async function replaySignup(ctx: AppContext, o: { id: string; actor: Actor; requestId?: string | undefined }): Promise<SubmitSignupResult> {
  const submission = await ctx.db.selectFrom("signup_submissions").selectAll().where("id", "=", o.id).executeTakeFirst();
  if (!submission) throw notFound("Signup submission", o.id);
  if (submission.status !== "failed") throw new AppError("invalid_state", `Submission ${o.id} is ${submission.status}; only failed ones are replayed.`);
  await audit(ctx.db, { actor: o.actor, action: "signup.replayed", at: ctx.clock.now(), subject: { type: "signup_submission", id: o.id }, requestId: o.requestId });
  return runSubmission(ctx, submission);
}
