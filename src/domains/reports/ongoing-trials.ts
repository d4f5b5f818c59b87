import type { Kysely } from "kysely";
import { DAY_MS } from "../../platform/clock/clock.js";
import { slaClock, type BusinessCalendar, type SlaState } from "../../platform/calendar/business-calendar.js";
import type { Database } from "../../platform/db/database.js";
import { SLOT_STATES, type TrialState } from "../trials/schema.js";

/** Ongoing = the states that hold one of the T5 instance slots. */
export const ONGOING_STATES: readonly TrialState[] = SLOT_STATES;
/** The T5 cap keeps this list short; the limit only protects the page if the cap is lifted. */
const MAX_ROWS = 500;

export interface ProvisioningSla {
  state: SlaState;
  workingMsLeft: number;
  workingMsAllowed: number;
  dueAt: Date;
}

export interface OngoingTrial {
  id: string;
  leadId: string;
  company: string;
  slug: string;
  state: TrialState;
  owner: { id: string; name: string } | null;
  signedUpAt: Date;
  /** Whole days since signup. */
  ageDays: number;
  endsAt: Date | null;
  /** Days until the trial ends (rounded up; negative once past the end); null before hand-off. */
  daysLeft: number | null;
  /** X cloud SLA from signup (the lead's creation) to the instance being ready; null when no due date was set. */
  provisioningSla: ProvisioningSla | null;
  instanceId: string | null;
}

/** Trials in flight, oldest approval first, with their age, days left and provisioning SLA clock. */
export async function ongoingTrials(db: Kysely<Database>, cal: BusinessCalendar, now: Date): Promise<OngoingTrial[]> {
  const rows = await db
    .selectFrom("trials as t")
    .innerJoin("leads as l", "l.id", "t.lead_id")
    .leftJoin("users as u", "u.id", "t.growth_user_id")
    .select([
      "t.id",
      "t.lead_id",
      "t.company",
      "t.slug",
      "t.state",
      "t.growth_user_id",
      "u.name as owner_name",
      "l.created_at as signed_up_at",
      "t.provisioning_due_at",
      "t.ready_at",
      "t.ends_at",
      "t.instance_id",
    ])
    .where("t.state", "in", ONGOING_STATES)
    .orderBy("t.approved_at")
    .orderBy("t.id")
    .limit(MAX_ROWS)
    .execute();
  const nowMs = now.getTime();
  return rows.map((r) => ({
    id: r.id,
    leadId: r.lead_id,
    company: r.company,
    slug: r.slug,
    state: r.state,
    owner: r.growth_user_id ? { id: r.growth_user_id, name: r.owner_name ?? "(unknown user)" } : null,
    signedUpAt: r.signed_up_at,
    ageDays: Math.max(0, Math.floor((nowMs - r.signed_up_at.getTime()) / DAY_MS)),
    endsAt: r.ends_at,
    daysLeft: r.ends_at ? Math.ceil((r.ends_at.getTime() - nowMs) / DAY_MS) : null,
    provisioningSla: r.provisioning_due_at
      ? { ...slaClock(cal, { startAt: r.signed_up_at, dueAt: r.provisioning_due_at, now, doneAt: r.ready_at }), dueAt: r.provisioning_due_at }
      : null,
    instanceId: r.instance_id,
  }));
}
