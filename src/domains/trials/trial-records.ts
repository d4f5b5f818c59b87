import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";
import type { TrialRow } from "./schema.js";

export interface TrialChange {
  trial: Pick<TrialRow, "id" | "lead_id">;
  actor: Actor;
  action: string;
  summary: string;
  data?: Record<string, unknown> | undefined;
  reason?: string | undefined;
  requestId?: string | undefined;
}

/** A trial's change is written on the trial's timeline and on its lead's, so either page tells the story. */
export async function recordTrialChange(trx: Transaction<Database>, ctx: AppContext, c: TrialChange): Promise<void> {
  const at = ctx.clock.now();
  const data = { trialId: c.trial.id, ...(c.data ?? {}) };
  await recordChange(trx, { actor: c.actor, action: c.action, summary: c.summary, subject: { type: "trial", id: c.trial.id }, at, data, reason: c.reason, requestId: c.requestId });
  await trx
    .insertInto("timeline_events")
    .values({
      subject_type: "lead",
      subject_id: c.trial.lead_id,
      at,
      kind: c.action,
      summary: c.summary,
      ...actorColumns(c.actor),
      data: JSON.stringify(data),
    })
    .execute();
}
