import { randomUUID } from "node:crypto";
import type { AppContext } from "../../platform/app/context.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { lockAccount, recordAccountChange } from "../accounts/account-records.js";
import { recomputeAccountHealth } from "../health/recompute.js";
import type { ActivityKind } from "../health/schema.js";
import { getActivity, type Activity } from "./activity-view.js";

export interface LogActivityOptions {
  accountId: string;
  kind: ActivityKind;
  /** When it happened; defaults to now and may not lie in the future. */
  at?: Date | undefined;
  summary: string;
  actor: Actor;
  requestId?: string | undefined;
}

/**
 * Logs a call, meeting, email or note on the account. It moves the account's last-activity day
 * (S2), so the health score is recomputed in the same transaction.
 */
export async function logActivity(ctx: AppContext, o: LogActivityOptions): Promise<Activity> {
  const now = ctx.clock.now();
  const at = o.at ?? now;
  if (at.getTime() > now.getTime()) throw invalidField("at", "is in the future; log an activity once it has happened");
  return ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    const id = randomUUID();
    await trx
      .insertInto("account_activities")
      .values({
        id,
        account_id: account.id,
        kind: o.kind,
        at,
        summary: o.summary,
        // Only a person is a user; a token or rule is named in created_by.
        user_id: o.actor.type === "user" ? o.actor.id : null,
        created_by: actorLabel(o.actor),
        created_at: now,
      })
      .execute();
    await recordAccountChange(trx, ctx, {
      accountId: account.id,
      actor: o.actor,
      action: "account.activity_logged",
      summary: `${KIND_LABEL[o.kind]} logged: ${shorten(o.summary)}`,
      data: { activityId: id, kind: o.kind, at: at.toISOString() },
      requestId: o.requestId,
    });
    await recomputeAccountHealth(trx, ctx, account.id, o.actor, "activity");
    return getActivity(trx, id);
  });
}

const KIND_LABEL: Record<ActivityKind, string> = { call: "Call", meeting: "Meeting", email: "Email", note: "Note" };

const shorten = (text: string): string => (text.length > 120 ? `${text.slice(0, 117)}…` : text);

export function actorLabel(actor: Actor): string {
  return actor.type === "rule" ? `rule ${actor.ruleId}` : actor.label;
}
