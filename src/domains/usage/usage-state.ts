import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { UsageStateRow } from "./schema.js";
import { addDays } from "./days.js";

/**
 * Locks the instance's usage state row for the rest of the transaction (creating it on first
 * use). Every ingest takes this lock first, so batches for one instance apply one after
 * another (no lost crossing, no deadlock between rollup upserts) while instances run in parallel.
 */
export async function lockUsageState(trx: Transaction<Database>, instanceId: string, now: Date): Promise<UsageStateRow> {
  return trx
    .insertInto("usage_state")
    .values({ instance_id: instanceId, pql_criteria: "[]", updated_at: now })
    .onConflict((oc) => oc.column("instance_id").doUpdateSet({ updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Users active on any of the `windowDays` days ending today (rolling MAU), from the rollup. */
export async function rollingActiveUsers(
  db: Transaction<Database> | Kysely<Database>,
  instanceId: string,
  today: string,
  windowDays: number,
): Promise<number> {
  const row = await db
    .selectFrom("usage_users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("instance_id", "=", instanceId)
    .where("last_active_day", ">=", addDays(today, -(windowDays - 1)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A ping's MAU counts while it is fresh (from today or yesterday); older ones describe the past. */
export function freshPingMau(state: Pick<UsageStateRow, "ping_mau" | "last_ping_day">, today: string): number {
  if (state.ping_mau === null || state.last_ping_day === null) return 0;
  return state.last_ping_day >= addDays(today, -1) ? state.ping_mau : 0;
}
