import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/app/context.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { ruleActor, type Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import { instancesOnDomain } from "./qualification-checks.js";
import { queueEmail } from "./queue-email.js";
import type { AccessRequestRow, AccessRequestStatus } from "./schema.js";

export interface AccessRequestView {
  id: string;
  instance: { id: string; slug: string; url: string | null };
  leadId: string | null;
  email: string;
  name: string;
  message: string | null;
  status: AccessRequestStatus;
  createdAt: Date;
  answeredAt: Date | null;
  answeredBy: string | null;
  answerNote: string | null;
}

/**
 * T3: a requester whose company already has an instance asks its admin for access. The request
 * id from the signup answer is the requester's proof; the instance must be one of those on the
 * requester's domain. The admin is emailed; one open request per person and instance.
 */
export async function createAccessRequest(ctx: AppContext, o: { requestId: string; instanceId: string; message?: string | null | undefined }): Promise<AccessRequestView> {
  const pack = ctx.packs.current();
  const actor = ruleActor("T3", pack.version);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const lead = await trx.selectFrom("leads").selectAll().where("id", "=", o.requestId).executeTakeFirst();
    if (!lead) throw notFound("Trial request", o.requestId);
    const instances = await instancesOnDomain(trx, pack, lead.email_domain);
    const instance = instances.find((i) => i.id === o.instanceId);
    if (!instance) throw new AppError("validation_failed", "instanceId: not an instance of your company.", { details: { issues: [{ path: ["body", "instanceId"], message: "is not an instance on your email domain" }] } });
    const open = await trx.selectFrom("access_requests").selectAll().where("instance_id", "=", instance.id).where("email", "=", lead.email).where("status", "=", "open").executeTakeFirst();
    if (open) return open;
    const admin = await trx.selectFrom("instances").select("admin_email").where("id", "=", instance.id).executeTakeFirstOrThrow();
    const now = ctx.clock.now();
    const created = await trx
      .insertInto("access_requests")
      .values({ id: randomUUID(), instance_id: instance.id, lead_id: lead.id, email: lead.email, name: lead.name, message: o.message?.trim() || null, status: "open", created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await queueEmail(trx, ctx, {
      template: "accessRequest",
      to: admin.admin_email ? [admin.admin_email] : [],
      vars: { requesterName: lead.name, requesterEmail: lead.email, instanceUrl: instance.url ?? instance.slug, message: created.message ?? "" },
      idempotencyKey: `T3.access:${created.id}`,
      subject: { type: "instance", id: instance.id },
      actor,
    });
    for (const subject of [{ type: "lead", id: lead.id }, { type: "instance", id: instance.id }]) {
      await recordChange(trx, { actor, action: "access_request.created", summary: `${lead.name} <${lead.email}> asked the admin for access to ${instance.slug}`, subject, at: now, data: { accessRequestId: created.id } });
    }
    return created;
  });
  ctx.notifyOutbox();
  return (await accessRequestViews(ctx, [row]))[0] as AccessRequestView;
}

/** Records the admin's answer (told to support or growth, or read in the instance). */
export async function answerAccessRequest(ctx: AppContext, o: { id: string; status: "granted" | "declined"; note?: string | null | undefined; actor: Actor; requestId?: string | undefined }): Promise<AccessRequestView> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("access_requests").selectAll().where("id", "=", o.id).forUpdate().executeTakeFirst();
    if (!current) throw notFound("Access request", o.id);
    if (current.status !== "open") throw new AppError("invalid_state", `This access request was ${current.status} already.`);
    const now = ctx.clock.now();
    const label = o.actor.type === "rule" ? o.actor.ruleId : o.actor.label;
    const updated = await trx
      .updateTable("access_requests")
      .set({ status: o.status, answered_at: now, answered_by: label, answer_note: o.note?.trim() || null })
      .where("id", "=", o.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const subjects = [{ type: "instance", id: current.instance_id }, ...(current.lead_id ? [{ type: "lead", id: current.lead_id }] : [])];
    for (const subject of subjects) {
      await recordChange(trx, { actor: o.actor, action: "access_request.answered", summary: `Access for ${current.email} ${o.status}`, subject, at: now, data: { accessRequestId: o.id, status: o.status, note: updated.answer_note }, requestId: o.requestId });
    }
    return updated;
  });
  return (await accessRequestViews(ctx, [row]))[0] as AccessRequestView;
}

export async function listAccessRequests(ctx: AppContext, o: { status?: AccessRequestStatus | undefined; leadId?: string | undefined; limit?: number }): Promise<AccessRequestView[]> {
  let q = ctx.db.selectFrom("access_requests").selectAll().orderBy("created_at", "desc").limit(o.limit ?? 200);
  if (o.status) q = q.where("status", "=", o.status);
  if (o.leadId) q = q.where("lead_id", "=", o.leadId);
  return accessRequestViews(ctx, await q.execute());
}

async function accessRequestViews(ctx: AppContext, rows: AccessRequestRow[]): Promise<AccessRequestView[]> {
  if (rows.length === 0) return [];
  const instances = await ctx.db.selectFrom("instances").select(["id", "slug", "url"]).where("id", "in", [...new Set(rows.map((r) => r.instance_id))]).execute();
  const byId = new Map(instances.map((i) => [i.id, i]));
  return rows.map((r) => ({
    id: r.id,
    instance: byId.get(r.instance_id) ?? { id: r.instance_id, slug: "?", url: null },
    leadId: r.lead_id,
    email: r.email,
    name: r.name,
    message: r.message,
    status: r.status,
    createdAt: r.created_at,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
    answerNote: r.answer_note,
  }));
}
