import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Database } from "../../platform/db/database.js";
import type { Actor } from "../../platform/timeline/actor.js";
import { recordAccountChange } from "../accounts/account-records.js";
import { recomputeAccountHealth } from "../health/recompute.js";
import type { SupportTicketRow, TicketKind, TicketSource } from "../health/schema.js";

/** What a ticket says, whichever way it arrived (API, signed webhook, CSV). */
export interface TicketFields {
  kind: TicketKind;
  severity: number | null;
  subject: string | null;
  openedAt: Date;
  closedAt: Date | null;
}

export interface TicketWrite {
  actor: Actor;
  requestId?: string | undefined;
  /** The caller recomputes the health of the accounts once after many writes (CSV import). */
  deferHealth?: boolean | undefined;
}

/**
 * Stores a new ticket on an account the caller has locked, puts it on the account's timeline and
 * recomputes the health score (help and defect counts are S2 inputs), all in the caller's transaction.
 */
export async function insertTicket(
  trx: Transaction<Database>,
  ctx: AppContext,
  t: TicketFields & { accountId: string; source: TicketSource; externalId: string | null },
  w: TicketWrite,
): Promise<SupportTicketRow> {
  const now = ctx.clock.now();
  const row = await trx
    .insertInto("support_tickets")
    .values({
      id: randomUUID(),
      account_id: t.accountId,
      source: t.source,
      external_id: t.externalId,
      kind: t.kind,
      severity: t.severity,
      subject: t.subject,
      opened_at: t.openedAt,
      closed_at: t.closedAt,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAccountChange(trx, ctx, {
    accountId: t.accountId,
    actor: w.actor,
    action: "account.ticket_opened",
    summary: `${describe(row)} opened${row.subject ? `: ${shorten(row.subject)}` : ""}${t.closedAt ? " (already closed)" : ""}`,
    data: { ticketId: row.id, source: t.source, externalId: t.externalId, kind: t.kind, severity: t.severity, openedAt: t.openedAt.toISOString(), closedAt: t.closedAt?.toISOString() ?? null },
    requestId: w.requestId,
  });
  if (!w.deferHealth) await recomputeAccountHealth(trx, ctx, t.accountId, w.actor, "ticket");
  return row;
}

/**
 * Applies the fields that differ to a ticket the caller has read in this transaction; nothing is
 * written (and the score is not recomputed) when nothing differs. Returns the row as it now is.
 */
export async function patchTicket(trx: Transaction<Database>, ctx: AppContext, current: SupportTicketRow, patch: Partial<TicketFields>, w: TicketWrite): Promise<SupportTicketRow> {
  const changes = changedFields(current, patch);
  if (Object.keys(changes).length === 0) return current;
  const row = await trx
    .updateTable("support_tickets")
    .set({ ...changes, updated_at: ctx.clock.now() })
    .where("id", "=", current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const closedNow = current.closed_at === null && row.closed_at !== null;
  const reopened = current.closed_at !== null && row.closed_at === null;
  await recordAccountChange(trx, ctx, {
    accountId: row.account_id,
    actor: w.actor,
    action: closedNow ? "account.ticket_closed" : "account.ticket_updated",
    summary: `${describe(row)}${row.subject ? ` "${shorten(row.subject)}"` : ""} ${closedNow ? "closed" : reopened ? "reopened" : "updated"}`,
    data: { ticketId: row.id, externalId: row.external_id, changes: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) },
    requestId: w.requestId,
  });
  if (!w.deferHealth) await recomputeAccountHealth(trx, ctx, row.account_id, w.actor, "ticket");
  return row;
}

type TicketColumns = Partial<Pick<SupportTicketRow, "kind" | "severity" | "subject" | "opened_at" | "closed_at">>;

function changedFields(current: SupportTicketRow, patch: Partial<TicketFields>): TicketColumns {
  const out: TicketColumns = {};
  if (patch.kind !== undefined && patch.kind !== current.kind) out.kind = patch.kind;
  if (patch.severity !== undefined && patch.severity !== current.severity) out.severity = patch.severity;
  if (patch.subject !== undefined && patch.subject !== current.subject) out.subject = patch.subject;
  if (patch.openedAt !== undefined && patch.openedAt.getTime() !== current.opened_at.getTime()) out.opened_at = patch.openedAt;
  if (patch.closedAt !== undefined && (patch.closedAt?.getTime() ?? null) !== (current.closed_at?.getTime() ?? null)) out.closed_at = patch.closedAt;
  return out;
}

/** "Help ticket", "Defect ticket (severity 1)". */
function describe(row: Pick<SupportTicketRow, "kind" | "severity">): string {
  const kind = row.kind === "help" ? "Help ticket" : "Defect ticket";
  return row.severity === null ? kind : `${kind} (severity ${row.severity})`;
}

const shorten = (text: string): string => (text.length > 120 ? `${text.slice(0, 117)}…` : text);
