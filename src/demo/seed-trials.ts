import { randomUUID } from "node:crypto";
import type { AppContext } from "../platform/app/context.js";
import { systemActor, type Actor } from "../platform/timeline/actor.js";
import { createAccessRequest } from "../domains/trials/access-requests.js";
import { decideQualification } from "../domains/trials/decide-qualification.js";
import { assignTrial } from "../domains/trials/manage-provisioning.js";
import { reportProvisioning } from "../domains/trials/report-provisioning.js";
import { submitSignup } from "../domains/trials/submit-signup.js";
import { DEMO_DOMAIN } from "./demo-team.js";

export interface SeedTrialsResult {
  leads: number;
  skipped: boolean;
}

interface DemoRequest {
  name: string;
  email: string;
  company: string;
  fields?: Record<string, string>;
  /** What the demo team does with it, through the same use cases as the UI. */
  then?: "disqualify" | "approve" | "hand-off" | "hand-off-owned" | "access-request";
  by?: string;
}

const REQUESTS: DemoRequest[] = [
  { name: "Mia Torres", email: "mia.torres@soylent.example", company: "Soylent", fields: { developers: "500-2,499", codeHost: "GitHub", useCase: "Evaluate for my company" } },
  { name: "Sara Lund", email: "sara.lund@globex.com", company: "Globex", fields: { developers: "100-499", codeHost: "GitLab" } },
  { name: "Gavin B.", email: "gavin.b@gmail.com", company: "Hooli XYZ", fields: { useCase: "Evaluate for my team" } },
  { name: "Tony S.", email: "tony@mailinator.com", company: "Stark Tools" },
  { name: "Bruce W.", email: "bruce@wayne-students.example", company: "Wayne University", fields: { useCase: "Student project" }, then: "disqualify", by: "sam" },
  { name: "Dwight Schrute", email: "dwight@dundermifflin.com", company: "Dunder Mifflin", then: "access-request" },
  { name: "Bill Lumbergh", email: "bill@initrode.example", company: "Initrode", fields: { developers: "2,500+", codeHost: "Bitbucket" }, then: "approve", by: "priya" },
  { name: "Ellen Ripley", email: "ellen@weyland.example", company: "Weyland-Yutani", fields: { developers: "500-2,499", codeHost: "GitHub" }, then: "hand-off", by: "sam" },
  { name: "Rick Deckard", email: "rick@cyberdyne.example", company: "Cyberdyne", fields: { developers: "100-499", codeHost: "GitLab" }, then: "hand-off-owned", by: "priya" },
];

/**
 * Trial requests at every step for the demo workspace, made through the real use cases (the
 * same ones the signup page and the SDR, growth and cloud-ops screens call): a qualification
 * queue with passing and failing checks, an existing-customer request, a disqualified one, an
 * existing-instance request with an open access request, one waiting for cloud ops, and two
 * handed off. Idempotent: skipped once any of its requests exists.
 */
export async function seedTrials(ctx: AppContext): Promise<SeedTrialsResult> {
  const first = REQUESTS[0];
  if (!first || (await ctx.db.selectFrom("leads").select("id").where("email", "=", first.email).executeTakeFirst())) return { leads: 0, skipped: true };
  const people = new Map((await ctx.db.selectFrom("users").select(["id", "email", "name", "role"]).execute()).map((u) => [u.email.split("@")[0] ?? "", u]));
  const actorFor = (key: string | undefined): Actor => {
    const u = key ? people.get(key) : undefined;
    return u ? { type: "user", id: u.id, label: u.name, role: u.role } : systemActor("demo seed");
  };
  await seedAccounts(ctx, people);
  let leads = 0;
  for (const [i, r] of REQUESTS.entries()) {
    const answer = await submitSignup(ctx, { body: { name: r.name, email: r.email, company: r.company, fields: r.fields ?? {} }, ip: `192.0.2.${10 + i}` });
    const leadId = answer.requestId;
    if (!leadId) continue;
    leads++;
    const actor = actorFor(r.by);
    switch (r.then) {
      case undefined:
        break;
      case "disqualify":
        await decideQualification(ctx, { leadId, decision: "disqualify", reason: "Student project: pointed to the free self-hosted edition", actor });
        break;
      case "access-request": {
        const instance = answer.instances[0];
        if (instance) await createAccessRequest(ctx, { requestId: leadId, instanceId: instance.id, message: "I run our platform team and would like to try code insights." });
        break;
      }
      case "approve":
      case "hand-off":
      case "hand-off-owned": {
        await decideQualification(ctx, { leadId, decision: "approve", actor });
        if (r.then === "approve") break;
        const trial = await ctx.db.selectFrom("trials").select(["id", "slug"]).where("lead_id", "=", leadId).executeTakeFirstOrThrow();
        const url = `https://${trial.slug}.cloud.${DEMO_DOMAIN}`;
        await reportProvisioning(ctx, { trialId: trial.id, report: { status: "ready", instanceUrl: url, passwordResetUrl: `${url}/password-reset?code=${randomUUID()}` }, actor: actorFor("omar") });
        const grace = people.get("grace");
        if (r.then === "hand-off-owned" && grace) await assignTrial(ctx, { trialId: trial.id, userId: grace.id, reassign: false, actor: actorFor("grace") });
        break;
      }
      default: {
        const unreachable: never = r.then;
        throw new Error(`unknown demo step ${String(unreachable)}`);
      }
    }
  }
  return { leads, skipped: false };
}

/** Globex is a customer and Initrode on the strategic list, so their requests show the AE checks (T4.1). */
async function seedAccounts(ctx: AppContext, people: Map<string, { id: string }>): Promise<void> {
  const now = ctx.clock.now();
  const accounts = [
    { name: "Globex", domain: "globex.com", customer: true, strategic: false, ae: "jordan", ce: "carlos" },
    { name: "Initrode", domain: "initrode.example", customer: false, strategic: true, ae: "mei", ce: "hannah" },
  ];
  for (const a of accounts) {
    const exists = await ctx.db.selectFrom("accounts").select("id").where("domain", "=", a.domain).executeTakeFirst();
    if (exists) continue;
    const types = ctx.packs.current().accounts.types;
    const id = randomUUID();
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("accounts")
        .values({
          id,
          name: a.name,
          domain: a.domain,
          customer: a.customer,
          account_type: a.customer ? types.customer : types.prospect,
          strategic: a.strategic,
          ae_user_id: people.get(a.ae)?.id ?? null,
          ce_user_id: people.get(a.ce)?.id ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx.insertInto("account_domains").values({ domain: a.domain, account_id: id, created_at: now }).execute();
    });
  }
}
