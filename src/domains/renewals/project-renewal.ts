import type { AppContext } from "../../platform/app/context.js";
import { invalidField } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { formatMoney } from "../handoff/formats.js";
import { actorLabel, assertOpen, lockCycle } from "./cycle-records.js";
import { arrForOutcome } from "./renewal-math.js";
import { getRenewal, type RenewalDetail } from "./renewal-view.js";
import type { RenewalOutcome } from "./schema.js";

export const PROJECTION_NOTE_MAX = 5000;

export interface ProjectRenewalOptions {
  id: string;
  outcome: RenewalOutcome;
  projectedArr?: number | undefined;
  note?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * R3: the AE projects the outcome and the ARR it leaves: full churn → 0; partial churn → below
 * the current ARR; flat → the current ARR; incremental → above it.
 */
export async function projectRenewal(ctx: AppContext, o: ProjectRenewalOptions): Promise<RenewalDetail> {
  const note = (o.note ?? "").trim();
  if (note.length > PROJECTION_NOTE_MAX) throw invalidField("note", `must be at most ${PROJECTION_NOTE_MAX} characters`);
  return ctx.db.transaction().execute(async (trx) => {
    const cycle = await lockCycle(trx, o.id);
    assertOpen(cycle);
    const account = await trx.selectFrom("accounts").select(["arr"]).where("id", "=", cycle.account_id).executeTakeFirstOrThrow();
    const currentArr = account.arr === null ? 0 : Number(account.arr);
    const checked = arrForOutcome(o.outcome, o.projectedArr, currentArr);
    if ("problem" in checked) throw invalidField("projectedArr", checked.problem);
    const at = ctx.clock.now();
    await trx
      .updateTable("renewal_cycles")
      .set({ projected_outcome: o.outcome, projected_arr: checked.arr, projection_note: note || null, projected_by: actorLabel(o.actor), projected_at: at, updated_at: at })
      .where("id", "=", cycle.id)
      .execute();
    const label = ctx.packs.current().renewals.outcomeLabels[o.outcome];
    await recordAccountChange(trx, ctx, {
      accountId: cycle.account_id,
      actor: o.actor,
      action: "renewal.projected",
      summary: `Projected ${label} at ${formatMoney(checked.arr)} (renewal ${cycle.renewal_date})${note ? `: ${note}` : ""}`,
      data: { renewalId: cycle.id, from: { outcome: cycle.projected_outcome, arr: cycle.projected_arr }, to: { outcome: o.outcome, arr: checked.arr }, note: note || null },
      requestId: o.requestId,
    });
    return getRenewal(ctx, cycle.id, trx);
  });
}
