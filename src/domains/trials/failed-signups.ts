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

/**
 * A submission still "received" this long after it arrived was interrupted (the process stopped
 * between storing and processing it): it is listed and replayable like a failed one.
 */
const INTERRUPTED_AFTER_MS = 5 * 60_000;

/** T2: submissions whose processing failed or was interrupted, newest first, for support to replay. */
export async function listFailedSignups(ctx: AppContext): Promise<FailedSignupView[]> {
  const stale = new Date(ctx.clock.now().getTime() - INTERRUPTED_AFTER_MS);
  const rows = await ctx.db
    .selectFrom("signup_submissions")
    .selectAll()
    .where((eb) => eb.or([eb("status", "=", "failed"), eb.and([eb("status", "=", "received"), eb("received_at", "<", stale)])]))
    .orderBy("received_at", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at,
    email: r.email,
    error: r.error ?? (r.status === "received" ? "Processing was interrupted (the server stopped before it finished)." : null),
    attempts: r.attempts,
    payload: r.payload,
  }));
}

const replayable = (status: string, receivedAt: Date, now: Date): boolean =>
  status === "failed" || (status === "received" && now.getTime() - receivedAt.getTime() > INTERRUPTED_AFTER_MS);

/** T2: processes a failed submission again, exactly as it arrived. */
export async function replaySignup(ctx: AppContext, o: { id: string; actor: Actor; requestId?: string | undefined }): Promise<SubmitSignupResult> {
  const submission = await ctx.db.selectFrom("signup_submissions").selectAll().where("id", "=", o.id).executeTakeFirst();
  if (!submission) throw notFound("Signup submission", o.id);
  if (!replayable(submission.status, submission.received_at, ctx.clock.now())) {
    throw new AppError("invalid_state", `Submission ${o.id} is ${submission.status}; only failed or interrupted ones are replayed.`);
  }
  await audit(ctx.db, { actor: o.actor, action: "signup.replayed", at: ctx.clock.now(), subject: { type: "signup_submission", id: o.id }, requestId: o.requestId });
  return runSubmission(ctx, submission);
}
