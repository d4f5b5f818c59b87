import type { AppContext } from "../../platform/app/context.js";
import { invalidField, notFound } from "../../platform/errors/app-error.js";
import { lockAccount } from "../accounts/account-records.js";
import { ticketDatesProblem } from "./ticket-checks.js";
import { toTicket, type Ticket } from "./ticket-view.js";
import { patchTicket, type TicketFields, type TicketWrite } from "./ticket-writes.js";

export interface UpdateTicketOptions extends TicketWrite {
  id: string;
  /** Missing fields stay; null clears (closedAt null reopens). */
  patch: Partial<Pick<TicketFields, "kind" | "severity" | "subject" | "closedAt">>;
}

/** Closes, reopens, re-kinds or re-grades a ticket; the health score follows. */
export async function updateTicket(ctx: AppContext, o: UpdateTicketOptions): Promise<Ticket> {
  return ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom("support_tickets").select("account_id").where("id", "=", o.id).executeTakeFirst();
    if (!found) throw notFound("Ticket", o.id);
    // The account lock orders this write with the account's other health inputs.
    await lockAccount(trx, found.account_id);
    const current = await trx.selectFrom("support_tickets").selectAll().where("id", "=", o.id).forUpdate().executeTakeFirstOrThrow();
    const closedAt = o.patch.closedAt === undefined ? current.closed_at : o.patch.closedAt;
    const dates = ticketDatesProblem(current.opened_at, closedAt, ctx.clock.now());
    if (dates) throw invalidField(dates.field, dates.problem);
    return toTicket(await patchTicket(trx, ctx, current, o.patch, o));
  });
}
