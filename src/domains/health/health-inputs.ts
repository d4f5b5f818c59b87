import { sql, type Transaction } from "kysely";
import type { AppContext } from "../../platform/app/context.js";
import { DAY_MS } from "../../platform/clock/clock.js";
import type { Database } from "../../platform/db/database.js";
import type { HealthTrait } from "../../platform/pack/pack-schema.js";
import { DAU_AVERAGE_DAYS, dauWindow } from "../lifecycle/account-usage.js";
import { dayOf, dayStartMs, monthOf, previousMonth } from "../usage/days.js";
import { getUsageSettings, type UsageSettings } from "../usage/usage-settings.js";
import { versionsBehind } from "../usage/versions.js";
import { traitValueProblem, type TraitValue } from "./grade-trait.js";
import type { HealthModel } from "./health-model.js";

/** S2 ticket and activity windows. */
export const TICKET_WINDOW_DAYS = 90;

/** The computed traits Trellis knows how to gather (S2); a pack trait with another key stays missing. */
export interface ComputedTraits {
  versionsBehind: number | null;
  preciseCodeIntel: boolean | null;
  defectTickets90d: number;
  helpTickets90d: number;
  daysSinceLastActivity: number | null;
  usageScore: number | null;
  mauPerSeat: number | null;
}

/** What the computed traits were derived from, kept with the score (the "why" of a past score). */
export interface HealthFacts {
  activeInstances: number;
  lastMonth: string;
  lastMonthMau: number | null;
  dauAvg: number | null;
  seats: number | null;
  latestRelease: string | null;
  lastActivityAt: string | null;
}

export interface ManualTrait {
  trait: string;
  value: unknown;
  note: string | null;
  setBy: string;
  setAt: Date;
}

export interface GatheredInputs {
  computed: ComputedTraits;
  facts: HealthFacts;
  manual: ManualTrait[];
}

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Everything one account's score rests on, read with `trx` only (sequential statements, never
 * ctx.db: safe inside any use case's transaction on PGlite). Usage follows usage/metrics.ts:
 * a day's DAU is the larger of the event count and the ping, averaged over the 28 days before
 * today; last month's MAU is the larger of the month rollup and the month's highest ping MAU;
 * both summed over the account's active instances.
 */
export async function gatherHealthInputs(
  trx: Transaction<Database>,
  ctx: Pick<AppContext, "clock" | "packs" | "config" | "db">,
  account: { id: string; seats: number | null },
): Promise<GatheredInputs> {
  const now = ctx.clock.now();
  const today = dayOf(now);
  const { dauFrom, yesterday, lastMonth, thisMonth } = healthUsageWindow(today);

  const instances = await sql<InstanceFacts & { id: string }>`
    select i.id::text as id, s.version, s.precise_code_intel,
      greatest(
        coalesce((select m.active_users from usage_months m where m.instance_id = i.id and m.month = ${lastMonth}::date), 0),
        coalesce((select max(p.mau) from usage_pings p where p.instance_id = i.id and p.day >= ${lastMonth}::date and p.day < ${thisMonth}::date), 0)
      )::int as last_month_mau,
      coalesce((
        select sum(greatest(coalesce(d.n, 0), coalesce(p.n, 0)))
        from (select day, active_users as n from usage_days where instance_id = i.id and day between ${dauFrom}::date and ${yesterday}::date) d
        full join (select day, dau as n from usage_pings where instance_id = i.id and day between ${dauFrom}::date and ${yesterday}::date) p
          on p.day = d.day
      ), 0)::float8 as dau_total
    from instances i
    left join usage_state s on s.instance_id = i.id
    where i.account_id = ${account.id}::uuid and i.status = 'active'
    order by i.id`.execute(trx);

  const settings = await getUsageSettings(ctx, trx);
  const windowStart = new Date(now.getTime() - TICKET_WINDOW_DAYS * DAY_MS);
  const tickets = await trx
    .selectFrom("support_tickets")
    .select([
      sql<number>`count(*) filter (where kind = 'defect')::int`.as("defects"),
      sql<number>`count(*) filter (where kind = 'help')::int`.as("help"),
    ])
    .where("account_id", "=", account.id)
    .where("opened_at", ">=", windowStart)
    .where("opened_at", "<=", now)
    .executeTakeFirstOrThrow();
  const activity = await trx
    .selectFrom("account_activities")
    .select((eb) => eb.fn.max("at").as("last"))
    .where("account_id", "=", account.id)
    .where("at", "<=", now)
    .executeTakeFirst();
  const manualRows = await trx
    .selectFrom("health_manual_traits")
    .selectAll()
    .where("account_id", "=", account.id)
    .orderBy("trait")
    .execute();

  const lastAt = activity?.last == null ? null : new Date(activity.last as Date | string);
  const manual = manualRows.map((r) => ({ trait: r.trait, value: r.value as unknown, note: r.note, setBy: r.set_by, setAt: new Date(r.set_at) }));
  return derivedInputs({ instances: instances.rows, defects: Number(tickets.defects), help: Number(tickets.help), lastActivityAt: lastAt, manual }, settings, account.seats, today, lastMonth);
}

/** The usage days S2 reads on `today`: the 28 days before it (DAU) and the previous calendar month (MAU), as SQL date bounds. */
export function healthUsageWindow(today: string): { dauFrom: string; yesterday: string; lastMonth: string; thisMonth: string } {
  const { from, to } = dauWindow(today);
  return { dauFrom: from, yesterday: to, lastMonth: previousMonth(today), thisMonth: monthOf(today) };
}

/** One active instance's part of the account's usage. */
export interface InstanceFacts {
  version: string | null;
  precise_code_intel: boolean | null;
  last_month_mau: number;
  dau_total: number;
}

export interface RawInputs {
  instances: readonly InstanceFacts[];
  defects: number;
  help: number;
  lastActivityAt: Date | null;
  manual: ManualTrait[];
}

/** The S2 computed traits from the raw rows (shared by the one-account and the full recompute, so both agree). */
export function derivedInputs(
  raw: RawInputs,
  settings: Pick<UsageSettings, "releases" | "latestRelease">,
  accountSeats: number | null,
  today: string,
  lastMonth: string,
): GatheredInputs {
  const rows = raw.instances;
  const lastMonthMau = rows.length === 0 ? null : rows.reduce((sum, r) => sum + Number(r.last_month_mau), 0);
  const dauAvg = rows.length === 0 ? null : round(rows.reduce((sum, r) => sum + Number(r.dau_total), 0) / DAU_AVERAGE_DAYS, 2);
  const seats = accountSeats !== null && accountSeats > 0 ? accountSeats : null;
  // The least upgraded active instance speaks for the account: it is the one that needs the upgrade.
  const behind = rows.map((r) => versionsBehind(r.version, settings.releases, settings.latestRelease)).filter((n): n is number => n !== null);
  const pci = rows.map((r) => r.precise_code_intel).filter((v): v is boolean => v !== null);
  const lastAt = raw.lastActivityAt;
  return {
    computed: {
      versionsBehind: behind.length === 0 ? null : Math.max(...behind),
      preciseCodeIntel: pci.length === 0 ? null : pci.includes(true),
      defectTickets90d: raw.defects,
      helpTickets90d: raw.help,
      daysSinceLastActivity: lastAt === null ? null : Math.round((dayStartMs(today) - Math.floor(lastAt.getTime() / DAY_MS) * DAY_MS) / DAY_MS),
      usageScore: lastMonthMau !== null && lastMonthMau > 0 && dauAvg !== null ? round(dauAvg / lastMonthMau, 3) : null,
      mauPerSeat: lastMonthMau !== null && seats !== null ? round(lastMonthMau / seats, 3) : null,
    },
    facts: {
      activeInstances: rows.length,
      lastMonth,
      lastMonthMau,
      dauAvg,
      seats,
      latestRelease: settings.latestRelease,
      lastActivityAt: lastAt?.toISOString() ?? null,
    },
    manual: raw.manual,
  };
}

/** The model's traits as scoreAccount inputs: computed from the gathered values, manual from what people set (an outdated value is missing). */
export function inputsForModel(model: HealthModel, gathered: GatheredInputs): Record<string, TraitValue> {
  const manual = gathered.manual;
  const computed = gathered.computed as unknown as Record<string, TraitValue | undefined>;
  const inputs: Record<string, TraitValue> = {};
  for (const trait of traitsOf(model)) {
    inputs[trait.key] = trait.source === "computed" ? (computed[trait.key] ?? null) : manualValue(trait, manual.find((m) => m.trait === trait.key)?.value);
  }
  return inputs;
}

const modelTraits = new WeakMap<HealthModel, readonly HealthTrait[]>();
/** The model's traits in category order, listed once per model (models are cached per pack). */
function traitsOf(model: HealthModel): readonly HealthTrait[] {
  let traits = modelTraits.get(model);
  if (!traits) {
    traits = model.categories.flatMap((c) => c.traits);
    modelTraits.set(model, traits);
  }
  return traits;
}

/** A manual value the pack's trait still accepts (a pack edit can outdate one: then it is missing). */
function manualValue(trait: HealthTrait, value: unknown): TraitValue {
  if (value === undefined || value === null) return null;
  return traitValueProblem(trait, value) === null ? (value as TraitValue) : null;
}
