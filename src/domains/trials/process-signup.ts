import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { ruleActor } from "../../platform/timeline/actor.js";
import { approveLead } from "./approve-lead.js";
import { createLead } from "./create-lead.js";
import { disqualifyLead } from "./disqualify-lead.js";
import { allChecksPass } from "./qualification-checks.js";
import type { SignupSubmissionRow } from "./schema.js";
import { loadSignupContext } from "./signup-context.js";
import { checkSignupFields, emailDomain, signupBody } from "./signup-input.js";
import { signupOutcome, type SignupOutcome } from "./signup-outcome.js";

/**
 * Turns a stored submission into a lead (T1, T3), or finds the request the same email made
 * within the pack's window. With auto-approval on, every check passing approves (T4.1) and a
 * failing one disqualifies (T4.2) at once; otherwise the lead waits in the SDR queue.
 */
export async function processSignup(trx: Transaction<Database>, ctx: AppContext, submission: SignupSubmissionRow): Promise<SignupOutcome> {
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const body = signupBody.parse(submission.payload);
  const fields = checkSignupFields(pack, body.fields);
  const context = await loadSignupContext(trx, pack, { email: body.email, domain: emailDomain(body.email), now });
  const earlier = context.earlierLeadId ? await trx.selectFrom("leads").selectAll().where("id", "=", context.earlierLeadId).executeTakeFirst() : undefined;
  if (earlier) {
    await markProcessed(trx, submission.id, earlier.id, now);
    return signupOutcome(pack, earlier, context.instances, true);
  }
  const intake = ruleActor("T1", pack.version);
  const { lead, instances } = await createLead(trx, ctx, { name: body.name, email: body.email, company: body.company, fields, submissionId: submission.id }, intake, context);
  await markProcessed(trx, submission.id, lead.id, now);
  if (instances.length > 0 || !pack.qualification.autoApprove) return signupOutcome(pack, lead, instances, false);
  const checks = lead.checks;
  if (allChecksPass(checks)) {
    await approveLead(trx, ctx, { lead, actor: ruleActor("T4.1", pack.version) });
  } else {
    const failed = checks.filter((c) => c.outcome === "fail").map((c) => c.reason);
    await disqualifyLead(trx, ctx, { lead, actor: ruleActor("T4.2", pack.version), reason: failed.join("; ") });
  }
  const after = await trx.selectFrom("leads").selectAll().where("id", "=", lead.id).executeTakeFirstOrThrow();
  return signupOutcome(pack, after, instances, false);
}

async function markProcessed(trx: Transaction<Database>, id: string, leadId: string, now: Date): Promise<void> {
  await trx
    .updateTable("signup_submissions")
    .set((eb) => ({ status: "processed", lead_id: leadId, processed_at: now, error: null, attempts: eb("attempts", "+", 1) }))
    .where("id", "=", id)
    .execute();
}
