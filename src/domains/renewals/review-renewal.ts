import type { AppContext } from "../../platform/app/context.js";
import { AppError, invalidField } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { actorLabel, assertOpen, lockCycle } from "./cycle-records.js";
import { getRenewal, type RenewalDetail } from "./renewal-view.js";
import type { ReviewDecision } from "./schema.js";

export const REVIEW_NOTE_MAX = 5000;

export interface ReviewRenewalOptions {
  id: string;
  decision: ReviewDecision;
  note?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/** R1: managers review the TA's rating: approved, or changes requested (the TA rates again). */
export async function reviewRenewal(ctx: AppContext, o: ReviewRenewalOptions): Promise<RenewalDetail> {
  const note = (o.note ?? "").trim();
  if (note.length > REVIEW_NOTE_MAX) throw invalidField("note", `must be at most ${REVIEW_NOTE_MAX} characters`);
  return ctx.db.transaction().execute(async (trx) => {
    const cycle = await lockCycle(trx, o.id);
    assertOpen(cycle);
    if (cycle.rating === null) {
      throw new AppError("renewal_not_rated", `The renewal of ${cycle.renewal_date} has no rating to review yet.`, { details: { renewalId: cycle.id } });
    }
    const at = ctx.clock.now();
    await trx
      .updateTable("renewal_cycles")
      .set({ review_decision: o.decision, review_note: note || null, reviewed_by: actorLabel(o.actor), reviewed_at: at, updated_at: at })
      .where("id", "=", cycle.id)
      .execute();
    const what = o.decision === "approved" ? `Rating ${cycle.rating} approved` : `Changes requested on the ${cycle.rating} rating`;
    await recordAccountChange(trx, ctx, {
      accountId: cycle.account_id,
      actor: o.actor,
      action: "renewal.reviewed",
      summary: `${what} (renewal ${cycle.renewal_date})${note ? `: ${note}` : ""}`,
      data: { renewalId: cycle.id, decision: o.decision, rating: cycle.rating, note: note || null },
      requestId: o.requestId,
    });
    return getRenewal(ctx, cycle.id, trx);
  });
}
