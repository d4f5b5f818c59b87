import { sql } from "kysely";
import type { AppContext } from "../app/context.js";
import { SimulatedClock } from "../clock/clock.js";
import { AppError } from "../errors/app-error.js";
import type { Executor } from "./scheduled-rule.js";

/**
 * Simulated time shared by every process on one database: clock_state (one row, id = 1) holds
 * the latest simulated "now". It only moves forward; each process adopts it when it is ahead
 * of its own clock.
 */

/** The context's clock if it is simulated; else AppError clock_not_simulated. */
export function requireSimulatedClock(ctx: AppContext): SimulatedClock {
  if (ctx.clock.kind === "simulated" && ctx.clock instanceof SimulatedClock) return ctx.clock;
  throw new AppError(
    "clock_not_simulated",
    `time can only be moved on a simulated clock; this one is ${ctx.clock.kind} (set TRELLIS_CLOCK=simulated outside production).`,
  );
}

/** The stored simulated now, or undefined before any process stored one. */
export async function readSimulatedNow(db: Executor): Promise<Date | undefined> {
  const row = await db.selectFrom("clock_state").select("now").where("id", "=", 1).executeTakeFirst();
  return row?.now;
}

/**
 * Stores `now` unless the stored time is already later (two processes advancing at once both
 * end at the later time; time never goes back). Returns the stored time after the write.
 */
export async function storeSimulatedNow(db: Executor, now: Date): Promise<Date> {
  // updated_at is the database's real time of the change (when someone moved the clock), for
  // operators; it is never read as simulated time.
  const row = await db
    .insertInto("clock_state")
    .values({ id: 1, now, updated_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        now: sql`greatest(clock_state.now, excluded.now)`,
        updated_at: sql`excluded.updated_at`,
      }),
    )
    .returning("now")
    .executeTakeFirstOrThrow();
  return row.now;
}

/**
 * Called by a process at the start of each scheduler tick or request: adopts the stored
 * simulated now if it is later than this process's clock. A no-op on a system or fixed clock.
 * Returns this process's now afterwards.
 */
export async function syncSimulatedClock(ctx: AppContext): Promise<Date> {
  const clock = ctx.clock;
  if (!(clock instanceof SimulatedClock)) return clock.now();
  const stored = await readSimulatedNow(ctx.db);
  if (stored && stored.getTime() > clock.now().getTime()) clock.set(stored);
  return clock.now();
}
