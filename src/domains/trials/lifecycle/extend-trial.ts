import type { Transaction } from "kysely";
import type { AppContext } from "../../../platform/app/context.js";
import { addDays } from "../../../platform/clock/clock.js";
import type { Database } from "../../../platform/db/database.js";
import { AppError } from "../../../platform/errors/app-error.js";
import type { Actor } from "../../../platform/timeline/actor.js";
import { extendTrialLicense } from "../../licenses/extend-trial-license.js";
import { postTrialAlert } from "../trial-alerts.js";
import { recordTrialChange } from "../trial-records.js";
import { dayText, type TrialRecords } from "./lock-trial.js";
import { trialLink } from "./trial-vars.js";

export interface ExtendTrialOptions {
  records: TrialRecords;
  days: number;
  note: string | null;
  actor: Actor;
  by: string;
  requestId?: string | undefined;
}

/**
 * X "extend adds days to the trial rather than restarting it": the new end is the old end plus
 * `days`, whenever the decision is made. The trial runs again, and the license gets a new
 * license with the new expiry (licenses are immutable). The caller checked role and state.
 */
export async function extendTrial(trx: Transaction<Database>, ctx: AppContext, o: ExtendTrialOptions): Promise<Date> {
  const { trial } = o.records;
  const now = ctx.clock.now();
  if (!trial.ends_at) throw new AppError("invalid_state", `Trial ${trial.id} has no end date to extend (it was never handed off).`);
  const endsAt = addDays(trial.ends_at, o.days);
  if (endsAt <= now) {
    throw new AppError("validation_failed", `days: the trial ended on ${dayText(trial.ends_at)}; ${o.days} more days would still end in the past.`, {
      details: { issues: [{ path: ["body", "days"], message: "would still end in the past" }] },
    });
  }
  await trx
    .updateTable("trials")
    .set({
      state: "running",
      ends_at: endsAt,
      extended_days: trial.extended_days + o.days,
      decision: "extend",
      decision_at: now,
      decision_by: o.by,
      decision_note: o.note,
      updated_at: now,
    })
    .where("id", "=", trial.id)
    .execute();
  await recordTrialChange(trx, ctx, {
    trial,
    actor: o.actor,
    action: "trial.extended",
    summary: `Trial extended by ${o.days} days: now ends on ${dayText(endsAt)} (was ${dayText(trial.ends_at)})`,
    data: { from: trial.state, to: "running", decision: "extend", days: o.days, endsAt: endsAt.toISOString(), previousEndsAt: trial.ends_at.toISOString(), note: o.note },
    reason: o.note ?? undefined,
    requestId: o.requestId,
  });
  await extendTrialLicense(trx, ctx, { trialId: trial.id, expiresAt: endsAt, actor: o.actor });
  await postTrialAlert(trx, ctx, {
    feed: "trialAlerts",
    text: `Trial extended: ${trial.company} (${trial.slug}) by ${o.days} days, now ends on ${dayText(endsAt)}. ${trialLink(ctx, trial.id)}`,
    subject: { type: "trial", id: trial.id },
    actor: o.actor,
    idempotencyKey: `T10.decision:trial:${trial.id}:extend:${endsAt.toISOString()}`,
  });
  return endsAt;
}
