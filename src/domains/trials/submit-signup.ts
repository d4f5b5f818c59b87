import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/app/context.js";
import { appUrl } from "../../platform/app/app-url.js";
import { enqueue } from "../../platform/outbox/enqueue.js";
import { renderEmail, renderTemplate } from "../../platform/outbox/render-template.js";
import { audit } from "../../platform/timeline/record.js";
import { processSignup } from "./process-signup.js";
import type { SignupSubmissionRow } from "./schema.js";
import { checkSignupFields, emailDomain, type SignupBody } from "./signup-input.js";
import type { SignupOutcome } from "./signup-outcome.js";
import { assertSignupAllowed } from "./signup-throttle.js";

export interface SubmitSignupOptions {
  body: SignupBody;
  ip: string;
}

export type SubmitSignupResult = SignupOutcome | { outcome: "accepted"; message: string; requestId: null; duplicate: false; instances: [] };

/**
 * T1 + T2: validates, rate-limits, then stores the raw submission in its own transaction before
 * anything else, so whatever fails afterwards the request is never lost: a failure marks the
 * submission failed, emails support (failsafe) and answers the requester that the request was
 * received. The honeypot field makes the submission spam: stored, answered like any other,
 * never processed.
 */
export async function submitSignup(ctx: AppContext, o: SubmitSignupOptions): Promise<SubmitSignupResult> {
  const pack = ctx.packs.current();
  checkSignupFields(pack, o.body.fields);
  const now = ctx.clock.now();
  const domain = emailDomain(o.body.email);
  await assertSignupAllowed(ctx.db, pack, { ip: o.ip, domain }, now);
  const spam = (o.body.website ?? "").trim() !== "";
  const submission = await ctx.db
    .insertInto("signup_submissions")
    .values({
      id: randomUUID(),
      received_at: now,
      ip: o.ip,
      email: o.body.email,
      email_domain: domain,
      payload: JSON.stringify(o.body),
      status: spam ? "spam" : "received",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (spam) return accepted(pack.signup.messages.received, o.body);
  return runSubmission(ctx, submission);
}

/** Processes a stored submission; on failure keeps it as failed and tells support (T2). */
export async function runSubmission(ctx: AppContext, submission: SignupSubmissionRow): Promise<SubmitSignupResult> {
  try {
    const outcome = await ctx.db.transaction().execute((trx) => processSignup(trx, ctx, submission));
    ctx.notifyOutbox();
    return outcome;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    ctx.log.error({ err: e, submissionId: submission.id }, "trial signup processing failed; kept for replay (T2)");
    await recordFailure(ctx, submission, error);
    const body = submission.payload as Partial<SignupBody>;
    return accepted(ctx.packs.current().signup.messages.received, { name: body.name ?? "", company: body.company ?? "" });
  }
}

async function recordFailure(ctx: AppContext, submission: SignupSubmissionRow, error: string): Promise<void> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const actor = { type: "rule" as const, ruleId: "T2", packVersion: pack.version };
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("signup_submissions")
      .set((eb) => ({ status: "failed", error: error.slice(0, 2000), attempts: eb("attempts", "+", 1) }))
      .where("id", "=", submission.id)
      .returning("attempts")
      .executeTakeFirstOrThrow();
    await audit(trx, { actor, action: "signup.failed", at: now, subject: { type: "signup_submission", id: submission.id }, reason: error.slice(0, 500), data: { attempt: row.attempts } });
    const support = ctx.config.supportEmail;
    const template = pack.emails.signupFailed;
    if (!support || !template) {
      ctx.log.warn({ submissionId: submission.id }, "no TRELLIS_SUPPORT_EMAIL: the failed signup is only listed under Trials → Failed signups");
      return;
    }
    const email = renderEmail(template, { email: submission.email ?? "(no email)", error, submissionId: submission.id, replayUrl: appUrl(ctx.config, "/trials/failed-signups") }, "emails.signupFailed");
    await enqueue(trx, {
      channel: "email",
      payload: { to: [support], subject: email.subject, text: email.text },
      idempotencyKey: `T2.failsafe:signup:${submission.id}:${row.attempts}`,
      at: now,
      pack,
      subject: { type: "signup_submission", id: submission.id },
      actor,
    });
  });
  ctx.notifyOutbox();
}

function accepted(template: string, body: { name: string; company: string }): SubmitSignupResult {
  const message = renderTemplate(template, { name: body.name, company: body.company, instances: "" }, "signup.messages.received");
  return { outcome: "accepted", message, requestId: null, duplicate: false, instances: [] };
}
