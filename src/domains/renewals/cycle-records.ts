import type { Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { actorColumns, type Actor } from "../../platform/timeline/actor.js";
import type { RenewalCycleRow } from "./schema.js";

/** The cycle under a row lock, or 404: every renewal write starts here. */
export async function lockCycle(trx: Transaction<Database>, id: string): Promise<RenewalCycleRow> {
  const row = await trx.selectFrom("renewal_cycles").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!row) throw notFound("Renewal", id);
  return row;
}

/** 409 renewal_processed: a processed renewal is closed. */
export function assertOpen(cycle: RenewalCycleRow): void {
  if (cycle.status === "processed") {
    throw new AppError("renewal_processed", `The renewal of ${cycle.renewal_date} was processed already; it can no longer change.`, { details: { renewalId: cycle.id } });
  }
}

/** How the cycle columns name who did something (rated_by, reviewed_by…). */
export const actorLabel = (actor: Actor): string => actorColumns(actor).actor_label;
