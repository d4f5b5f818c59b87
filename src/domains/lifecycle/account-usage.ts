import { sql, type RawBuilder } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import type { Executor } from "../../platform/scheduler/scheduled-rule.js";
import { addDays, dayOf } from "../usage/days.js";

/** The "4-week average DAU" of S2 and L3 (the same window usage/metrics.ts averages over). */
export const DAU_AVERAGE_DAYS = 28;

/** The days the 4-week average DAU covers on `today`: the DAU_AVERAGE_DAYS before it, inclusive. */
export function dauWindow(today: string): { from: string; to: string } {
  const to = addDays(today, -1);
  return { from: addDays(to, -(DAU_AVERAGE_DAYS - 1)), to };
}

/** Usage of an account summed over its active instances (users of two instances are different people). */
export interface AccountUsage {
  instances: number;
  mau: number;
  dauAvg: number;
}

/** The snapshot written on the account (accounts.usage_*): the sums plus the two L3 ratios. */
export interface UsageSnapshot {
  mau: number;
  dauAvg: number;
  /** Null when the account has no seats. */
  mauPerSeat: number | null;
  /** Null when nobody was active in the month. */
  dauPerMau: number | null;
}

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

export function usageSnapshot(usage: AccountUsage | undefined, seats: number | null): UsageSnapshot | null {
  if (!usage) return null;
  return {
    mau: usage.mau,
    dauAvg: usage.dauAvg,
    mauPerSeat: seats !== null && seats > 0 ? round(usage.mau / seats, 4) : null,
    dauPerMau: usage.mau > 0 ? round(usage.dauAvg / usage.mau, 4) : null,
  };
}

/**
 * Usage of the book's accounts (or one account) from the rollups, in one statement, with the
 * definitions of usage/metrics.ts per instance: MAU = users active within pack
 * usage.mauWindowDays (or the instance's fresh ping MAU when larger); a day's DAU = the larger
 * of the event-derived count and the ping; the average is over the 28 days before today.
 * Accounts without an active instance are absent from the map. Only one statement, so it is
 * safe inside a transaction on PGlite (usageFor runs its queries in parallel and cannot be).
 */
export async function accountUsage(
  db: Executor,
  ctx: Pick<AppContext, "clock" | "packs">,
  scope: { accountId?: string | undefined } = {},
): Promise<Map<string, AccountUsage>> {
  const today = dayOf(ctx.clock.now());
  const { from: dauFrom, to: yesterday } = dauWindow(today);
  const mauFrom = addDays(today, -(ctx.packs.current().usage.mauWindowDays - 1));
  // One account: every part reads only its instances (by index). The whole book: plain scans
  // and hash joins, which beat probing per instance at that size.
  const ofAccount = (column: RawBuilder<string>) =>
    scope.accountId === undefined ? sql`` : sql`and ${column} in (select id from instances where account_id = ${scope.accountId}::uuid and status = 'active')`;
  const r = await sql<{ account_id: string; instances: number; mau: number; dau_total: number }>`
    with mau as (
      select u.instance_id, count(*)::int as n from usage_users u
      where u.last_active_day >= ${mauFrom}::date ${ofAccount(sql`u.instance_id`)}
      group by u.instance_id
    ),
    -- A day's DAU is the larger of the event count and the ping; both tables are keyed by (instance, day).
    dau as (
      select coalesce(d.instance_id, p.instance_id) as instance_id, sum(greatest(coalesce(d.n, 0), coalesce(p.n, 0)))::float8 as total
      from (select instance_id, day, active_users as n from usage_days
            where day between ${dauFrom}::date and ${yesterday}::date ${ofAccount(sql`instance_id`)}) d
      full join (select instance_id, day, dau as n from usage_pings
            where day between ${dauFrom}::date and ${yesterday}::date ${ofAccount(sql`instance_id`)}) p
        on p.instance_id = d.instance_id and p.day = d.day
      group by 1
    )
    select i.account_id::text as account_id,
      count(*)::int as instances,
      sum(greatest(coalesce(mau.n, 0),
        case when s.last_ping_day >= ${yesterday}::date then coalesce(s.ping_mau, 0) else 0 end))::int as mau,
      coalesce(sum(dau.total), 0)::float8 as dau_total
    from instances i
    join accounts a on a.id = i.account_id
    left join mau on mau.instance_id = i.id
    left join usage_state s on s.instance_id = i.id
    left join dau on dau.instance_id = i.id
    where i.status = 'active' and a.in_book_at is not null and a.archived_at is null
      ${scope.accountId === undefined ? sql`` : sql`and a.id = ${scope.accountId}::uuid`}
    group by i.account_id`.execute(db);
  return new Map(
    r.rows.map((row) => [
      row.account_id,
      { instances: Number(row.instances), mau: Number(row.mau), dauAvg: round(Number(row.dau_total) / DAU_AVERAGE_DAYS, 2) },
    ]),
  );
}
