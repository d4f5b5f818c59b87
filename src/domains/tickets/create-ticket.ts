import type { AppContext } from "../../platform/app/context.js";
import { AppError, invalidField, notFound } from "../../platform/errors/app-error.js";
import type { TicketKind } from "../health/schema.js";
import { lockAccount } from "../accounts/account-records.js";
import { ticketDatesProblem } from "./ticket-checks.js";
import { toTicket, type Ticket } from "./ticket-view.js";
import { insertTicket, type TicketWrite } from "./ticket-writes.js";

export interface CreateTicketOptions extends TicketWrite {
  accountId: string;
  kind: TicketKind;
  severity?: number | null | undefined;
  subject?: string | null | undefined;
  /** Defaults to now. */
  openedAt?: Date | undefined;
  externalId?: string | null | undefined;
}

/** Records a ticket by hand or from an API client (source "api"); the health score follows. */
export async function createTicket(ctx: AppContext, o: CreateTicketOptions): Promise<Ticket> {
  const now = ctx.clock.now();
  const openedAt = o.openedAt ?? now;
  const dates = ticketDatesProblem(openedAt, null, now);
  if (dates) throw invalidField(dates.field, dates.problem);
  const externalId = o.externalId ?? null;
  return ctx.db.transaction().execute(async (trx) => {
    const account = await lockAccount(trx, o.accountId);
    if (!account) throw notFound("Account", o.accountId);
    if (externalId !== null) {
      const taken = await trx.selectFrom("support_tickets").select(["id", "account_id"]).where("external_id", "=", externalId).executeTakeFirst();
      if (taken) {
        throw new AppError("already_exists", `externalId: ticket ${externalId} is already recorded (${taken.id}); edit it with PATCH /api/v1/tickets/${taken.id}.`, {
          details: { field: "externalId", ticketId: taken.id, accountId: taken.account_id },
        });
      }
    }
    const row = await insertTicket(
      trx,
      ctx,
      { accountId: account.id, source: "api", externalId, kind: o.kind, severity: o.severity ?? null, subject: o.subject ?? null, openedAt, closedAt: null },
      o,
    );
    return toTicket(row);
  });
}
