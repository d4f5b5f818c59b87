import type { AppContext } from "../../platform/app/context.js";
import { slaClock, type SlaState } from "../../platform/calendar/business-calendar.js";
import { DAY_MS } from "../../platform/clock/clock.js";
import { usageFor } from "../usage/metrics.js";
import { queuePositions } from "./capacity.js";
import { statusKeyOf, type TrialStatusKey } from "./lead-status.js";
import type { TrialRow } from "./schema.js";

export interface TrialView {
  id: string;
  leadId: string;
  leadStatus: string;
  /** The lead status's role (e.g. "pql": only PQLs convert), whatever the pack calls it. */
  leadStatusKey: TrialStatusKey | null;
  state: TrialRow["state"];
  slug: string;
  company: string;
  adminEmail: string;
  adminName: string;
  provisioner: TrialRow["provisioner"];
  growthOwner: { id: string; name: string } | null;
  approvedAt: Date;
  provisioningRequestedAt: Date | null;
  provisioningDueAt: Date | null;
  provisioningAttempt: number;
  provisioningError: string | null;
  readyAt: Date | null;
  handedOffAt: Date | null;
  endsAt: Date | null;
  /** Whole days until endsAt (negative once past), null before hand-off. */
  daysLeft: number | null;
  extendedDays: number;
  activatedAt: Date | null;
  warningSentAt: Date | null;
  adminAnsweredAt: Date | null;
  decision: TrialRow["decision"];
  decisionAt: Date | null;
  decisionBy: string | null;
  decisionNote: string | null;
  closedAt: Date | null;
  closeReason: string | null;
  instance: { id: string; slug: string; url: string | null; status: string } | null;
  /** T5: 1-based place in line while queued. */
  queuePosition: number | null;
  /** X: provisioning SLA from signup to ready, on the business calendar. */
  sla: { state: SlaState; workingMsLeft: number; workingMsAllowed: number; dueAt: Date } | null;
  usage: { totalUsers: number; mau: number; unused: boolean; pql: boolean; lastActivityAt: Date | null } | null;
}

/** Board and page shape of trials: owner names, instance, SLA clock, queue place and usage, batched. */
export async function trialViews(ctx: AppContext, trials: readonly TrialRow[]): Promise<TrialView[]> {
  if (trials.length === 0) return [];
  const pack = ctx.packs.current();
  const now = ctx.clock.now();
  const leadIds = trials.map((t) => t.lead_id);
  const ownerIds = [...new Set(trials.map((t) => t.growth_user_id).filter((id): id is string => id !== null))];
  const instanceIds = trials.map((t) => t.instance_id).filter((id): id is string => id !== null);
  const leads = await ctx.db.selectFrom("leads").select(["id", "status", "created_at"]).where("id", "in", leadIds).execute();
  const owners = ownerIds.length ? await ctx.db.selectFrom("users").select(["id", "name"]).where("id", "in", ownerIds).execute() : [];
  const instances = instanceIds.length ? await ctx.db.selectFrom("instances").select(["id", "slug", "url", "status", "seats"]).where("id", "in", instanceIds).execute() : [];
  const usage = await usageFor(ctx, instances.map((i) => ({ id: i.id, seats: i.seats })));
  const positions = trials.some((t) => t.state === "queued") ? await queuePositions(ctx.db) : new Map<string, number>();
  const leadById = new Map(leads.map((l) => [l.id, l]));
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  const instanceById = new Map(instances.map((i) => [i.id, i]));
  return trials.map((t) => {
    const lead = leadById.get(t.lead_id);
    const instance = t.instance_id ? instanceById.get(t.instance_id) : undefined;
    const metrics = instance ? usage.get(instance.id)?.metrics : undefined;
    const owner = t.growth_user_id ? ownerById.get(t.growth_user_id) : undefined;
    return {
      id: t.id,
      leadId: t.lead_id,
      leadStatus: lead?.status ?? "",
      leadStatusKey: lead ? statusKeyOf(pack, lead.status) : null,
      state: t.state,
      slug: t.slug,
      company: t.company,
      adminEmail: t.admin_email,
      adminName: t.admin_name,
      provisioner: t.provisioner,
      growthOwner: owner ? { id: owner.id, name: owner.name } : null,
      approvedAt: t.approved_at,
      provisioningRequestedAt: t.provisioning_requested_at,
      provisioningDueAt: t.provisioning_due_at,
      provisioningAttempt: t.provisioning_attempt,
      provisioningError: t.provisioning_error,
      readyAt: t.ready_at,
      handedOffAt: t.handed_off_at,
      endsAt: t.ends_at,
      daysLeft: t.ends_at ? Math.ceil((t.ends_at.getTime() - now.getTime()) / DAY_MS) : null,
      extendedDays: t.extended_days,
      activatedAt: t.activated_at,
      warningSentAt: t.warning_sent_at,
      adminAnsweredAt: t.admin_answered_at,
      decision: t.decision,
      decisionAt: t.decision_at,
      decisionBy: t.decision_by,
      decisionNote: t.decision_note,
      closedAt: t.closed_at,
      closeReason: t.close_reason,
      instance: instance ? { id: instance.id, slug: instance.slug, url: instance.url, status: instance.status } : null,
      queuePosition: positions.get(t.id) ?? null,
      sla:
        t.provisioning_due_at && lead && t.state !== "cancelled"
          ? { ...slaClock(pack.businessCalendar, { startAt: lead.created_at, dueAt: t.provisioning_due_at, now, doneAt: t.ready_at }), dueAt: t.provisioning_due_at }
          : null,
      usage: metrics
        ? { totalUsers: metrics.totalUsers, mau: metrics.mau, unused: metrics.unused, pql: metrics.pqlMetAt !== null, lastActivityAt: metrics.lastActivityAt }
        : null,
    };
  });
}
