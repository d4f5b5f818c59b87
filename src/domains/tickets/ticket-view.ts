import type { AppContext } from "../../platform/app/context.js";
import { notFound } from "../../platform/errors/app-error.js";
import type { SupportTicketRow, TicketKind, TicketSource } from "../health/schema.js";

/** A support ticket of an account (S2: defect and help tickets opened within 90 days). */
export interface Ticket {
  id: string;
  accountId: string;
  source: TicketSource;
  externalId: string | null;
  kind: TicketKind;
  /** 0 (most severe) … 3, as in the support SLAs; null when the help desk sends none. */
  severity: number | null;
  subject: string | null;
  openedAt: Date;
  closedAt: Date | null;
  createdAt: Date;
}

export const toTicket = (r: SupportTicketRow): Ticket => ({
  id: r.id,
  accountId: r.account_id,
  source: r.source,
  externalId: r.external_id,
  kind: r.kind,
  severity: r.severity,
  subject: r.subject,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  createdAt: r.created_at,
});

export interface ListTicketsQuery {
  /** true: only open ones; false: only closed ones; unset: all. */
  open?: boolean | undefined;
  limit?: number | undefined;
}

/** The account's tickets, latest opened first. */
export async function listTickets(ctx: AppContext, accountId: string, q: ListTicketsQuery = {}): Promise<{ items: Ticket[] }> {
  const account = await ctx.db.selectFrom("accounts").select("id").where("id", "=", accountId).executeTakeFirst();
  if (!account) throw notFound("Account", accountId);
  let query = ctx.db.selectFrom("support_tickets").selectAll().where("account_id", "=", accountId);
  if (q.open === true) query = query.where("closed_at", "is", null);
  if (q.open === false) query = query.where("closed_at", "is not", null);
  const rows = await query
    .orderBy("opened_at", "desc")
    .orderBy("id")
    .limit(q.limit ?? 50)
    .execute();
  return { items: rows.map(toTicket) };
}
