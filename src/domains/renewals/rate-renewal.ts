import type { AppContext } from "../../platform/app/context.js";
import { invalidField } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { ACCOUNT_SUBJECT, lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { activeUsersWithRole } from "../trials/recipients.js";
import { queueEmail } from "../trials/queue-email.js";
import { actorLabel, assertOpen, lockCycle } from "./cycle-records.js";
import { enterLighthouseIn } from "./lighthouse-writes.js";
import { renewalUrl } from "./open-cycle.js";
import { getRenewal, type RenewalDetail } from "./renewal-view.js";
import type { RenewalRating } from "./schema.js";

export const RATING_NOTE_MAX = 5000;

export interface RateRenewalOptions {
  id: string;
  rating: RenewalRating;
  note?: string | null | undefined;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * R1/R2: the TA (with the AE) rates the renewal after the Health Assessment. A yellow or red
 * rating needs a note. Rating again resets the managers' review, and leadership is asked to
 * review it (renewalReviewRequested). A rating in pack renewals.lighthouseRatings enters the
 * Lighthouse save program when the account is not in it already; green is monitored.
 */
export async function rateRenewal(ctx: AppContext, o: RateRenewalOptions): Promise<RenewalDetail> {
  const note = (o.note ?? "").trim();
  if (o.rating !== "green" && note.length === 0) throw invalidField("note", `is required for a ${o.rating} rating: say why`);
  if (note.length > RATING_NOTE_MAX) throw invalidField("note", `must be at most ${RATING_NOTE_MAX} characters`);
  const pack = ctx.packs.current();
  return ctx.db.transaction().execute(async (trx) => {
    const cycle = await lockCycle(trx, o.id);
    assertOpen(cycle);
    const account = await lockAccount(trx, cycle.account_id);
    if (!account) throw new Error(`renewal ${cycle.id} has no account`);
    const at = ctx.clock.now();
    await trx
      .updateTable("renewal_cycles")
      .set({ rating: o.rating, rating_note: note || null, rated_by: actorLabel(o.actor), rated_at: at, review_decision: null, review_note: null, reviewed_by: null, reviewed_at: null, updated_at: at })
      .where("id", "=", cycle.id)
      .execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "renewal.rated",
      summary: `Renewal ${cycle.renewal_date} rated ${o.rating}${note ? `: ${note}` : ""}`,
      data: { renewalId: cycle.id, from: cycle.rating, to: o.rating, note: note || null, reviewReset: cycle.review_decision !== null },
      requestId: o.requestId,
    });
    const url = renewalUrl(ctx, cycle.id);
    for (const leader of await activeUsersWithRole(trx, ["leadership"])) {
      await queueEmail(trx, ctx, {
        template: "renewalReviewRequested",
        to: [leader.email],
        vars: { name: leader.name, rater: actorLabel(o.actor), account: account.name, renewalDate: cycle.renewal_date, rating: o.rating, note: note || "no note", renewalUrl: url },
        idempotencyKey: `renewal:${cycle.id}:rated:${at.toISOString()}:${leader.id}`,
        subject: { type: ACCOUNT_SUBJECT, id: account.id },
        actor: o.actor,
      });
    }
    if ((pack.renewals.lighthouseRatings as readonly string[]).includes(o.rating)) {
      const active = await trx.selectFrom("lighthouse_programs").select("id").where("account_id", "=", account.id).where("status", "=", "active").executeTakeFirst();
      if (!active) {
        await enterLighthouseIn(trx, ctx, { account, renewalCycleId: cycle.id, reason: `Renewal rated ${o.rating}: ${note}`, actor: o.actor, requestId: o.requestId });
      }
    }
    return getRenewal(ctx, cycle.id, trx);
  });
}
