import type { AppContext } from "../../platform/app/context.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { lockAccount } from "../accounts/account-records.js";
import type { TicketSource } from "../health/schema.js";
import { describeRef, findAccountId, type AccountRef } from "./account-ref.js";
import { ticketDatesProblem } from "./ticket-checks.js";
import { toTicket, type Ticket } from "./ticket-view.js";
import { insertTicket, patchTicket, type TicketFields, type TicketWrite } from "./ticket-writes.js";

export interface UpsertTicketOptions extends TicketWrite {
  externalId: string;
  account: AccountRef;
  fields: TicketFields;
  source: TicketSource;
}

/**
 * A ticket as the help desk sends it: the first delivery creates it, a repeat (retry, or the
 * same ticket closed later) updates that one — idempotent on the external id. An account that
 * matches nothing is 422: the sender must fix the mapping, retrying will not help.
 */
export async function upsertExternalTicket(ctx: AppContext, o: UpsertTicketOptions): Promise<{ created: boolean; ticket: Ticket }> {
  const dates = ticketDatesProblem(o.fields.openedAt, o.fields.closedAt, ctx.clock.now());
  if (dates) throw new AppError("validation_failed", `${dates.field}: ${dates.problem}.`, { details: { issues: [{ path: ["body", dates.field], message: dates.problem }] } });
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("support_tickets").select("account_id").where("external_id", "=", o.externalId).executeTakeFirst();
    if (existing) {
      // The ticket stays on the account it was first recorded on.
      await lockAccount(trx, existing.account_id);
      const current = await trx.selectFrom("support_tickets").selectAll().where("external_id", "=", o.externalId).forUpdate().executeTakeFirstOrThrow();
      return { created: false, ticket: toTicket(await patchTicket(trx, ctx, current, o.fields, o)) };
    }
    const accountId = await findAccountId(trx, o.account);
    if (!accountId) {
      throw new AppError("unprocessable", `account: no account has ${describeRef(o.account) || "that reference"}; add the domain or CRM id to the account, then send the ticket again.`, {
        details: { issues: [{ path: ["body", "account"], message: "matches no account" }] },
      });
    }
    const account = await lockAccount(trx, accountId);
    if (!account) throw notFound("Account", accountId);
    const row = await insertTicket(trx, ctx, { accountId, source: o.source, externalId: o.externalId, ...o.fields }, o);
    return { created: true, ticket: toTicket(row) };
  });
}
