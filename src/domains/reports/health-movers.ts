import { sql, type Kysely } from "kysely";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import { inBookScope, oneDecimal, type HealthScope } from "./health-scope.js";

/** How far back "moved" looks. A report window, not a process rule, so not a pack value. */
export const MOVERS_DAYS = 7;
/** Movers listed each way. */
export const MOVERS_EACH_WAY = 10;

export type HealthBandName = "green" | "yellow" | "red";

export interface HealthMover {
  account: { id: string; name: string };
  direction: "down" | "up";
  /** The score MOVERS_DAYS ago (the latest at or before then). */
  from: { score: number | null; band: HealthBandName };
  /** The current score. */
  to: { score: number | null; band: HealthBandName };
  /** to − from (0 when a person's red flag moved the band but not the score). */
  delta: number;
}

interface MoverRow {
  id: string;
  name: string;
  from_score: number | null;
  from_band: HealthBandName;
  to_score: number | null;
  to_band: HealthBandName;
  delta: number;
  direction: "down" | "up";
}

/**
 * The accounts whose health moved most in the last MOVERS_DAYS days: MOVERS_EACH_WAY down, then
 * MOVERS_EACH_WAY up; in each, band changes first, then the largest |delta|, ties by id. Only
 * accounts whose score in force was set in the window are looked at (index account_health_at),
 * and only those that had a band then (their latest superseded score set by then) and have one
 * now (a first score is not a move).
 */
export async function healthMovers(db: Kysely<Database>, scope: HealthScope, now: Date): Promise<HealthMover[]> {
  const since = new Date(now.getTime() - MOVERS_DAYS * DAY_MS);
  const { rows } = await sql<MoverRow>`
    with moved as (
      select h.account_id from account_health h where h.at > ${since} and h.at <= ${now}
    ),
    c as (
      select a.id::text as id, a.name, f.score::float8 as from_score, f.band as from_band,
        ah.score::float8 as to_score, ah.band as to_band,
        coalesce(ah.score - f.score, 0)::float8 as delta,
        (case ah.band when 'green' then 2 when 'yellow' then 1 else 0 end)
          - (case f.band when 'green' then 2 when 'yellow' then 1 else 0 end) as band_move
      from moved m
      join accounts a on a.id = m.account_id
      join account_health ah on ah.account_id = a.id
      join lateral (
        select h.score, h.band from health_scores h where h.account_id = a.id and h.at <= ${since} order by h.at desc, h.id desc limit 1
      ) f on true
      where ${inBookScope(scope)} and ah.band is not null and f.band is not null
    ),
    down as (
      select *, 'down' as direction from c where band_move < 0 or (band_move = 0 and delta < 0)
      order by band_move <> 0 desc, delta asc, id limit ${MOVERS_EACH_WAY}
    ),
    up as (
      select *, 'up' as direction from c where band_move > 0 or (band_move = 0 and delta > 0)
      order by band_move <> 0 desc, delta desc, id limit ${MOVERS_EACH_WAY}
    )
    select * from down union all select * from up`.execute(db);
  const order = (r: MoverRow) => (r.direction === "down" ? 0 : 1);
  // union all keeps no order of its own: sort again with the same keys.
  const sorted = [...rows].sort((a, b) => {
    if (order(a) !== order(b)) return order(a) - order(b);
    const bandA = a.from_band !== a.to_band ? 0 : 1;
    const bandB = b.from_band !== b.to_band ? 0 : 1;
    if (bandA !== bandB) return bandA - bandB;
    const d = a.direction === "down" ? Number(a.delta) - Number(b.delta) : Number(b.delta) - Number(a.delta);
    return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return sorted.map((r) => ({
    account: { id: r.id, name: r.name },
    direction: r.direction,
    from: { score: oneDecimal(r.from_score), band: r.from_band },
    to: { score: oneDecimal(r.to_score), band: r.to_band },
    delta: oneDecimal(r.delta) ?? 0,
  }));
}
