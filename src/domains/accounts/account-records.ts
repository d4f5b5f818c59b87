import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordChange } from "../../platform/timeline/record.js";

export const ACCOUNT_SUBJECT = "account";

export interface AccountChange {
  accountId: string;
  actor: Actor;
  /** "account.created", "account.stage_changed", "account.ta_assigned"… */
  action: string;
  /** One human sentence for the timeline. */
  summary: string;
  data?: Record<string, unknown> | undefined;
  reason?: string | undefined;
  requestId?: string | undefined;
}

/** A change to an account: one event on its timeline and one audit row, in the caller's transaction. */
export async function recordAccountChange(trx: Transaction<Database>, ctx: Pick<AppContext, "clock">, c: AccountChange): Promise<void> {
  await recordChange(trx, {
    actor: c.actor,
    action: c.action,
    summary: c.summary,
    subject: { type: ACCOUNT_SUBJECT, id: c.accountId },
    at: ctx.clock.now(),
    data: c.data,
    reason: c.reason,
    requestId: c.requestId,
  });
}

/** The account row under a row lock (FOR UPDATE), or null: every use case that changes an account starts here. */
export async function lockAccount(trx: Transaction<Database>, id: string) {
  return (await trx.selectFrom("accounts").selectAll().where("id", "=", id).forUpdate().executeTakeFirst()) ?? null;
}
