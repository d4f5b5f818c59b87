import { sql, type Transaction } from "kysely";
import type { Database } from "../../platform/db/database.js";
import type { ProcessPack } from "../../platform/pack/pack-schema.js";
import { dayOf } from "./days.js";
import type { NormalizedEvent } from "./event-input.js";

/** What a batch changed, for signal evaluation. */
export interface EventsApplied {
  inserted: number;
  duplicates: number;
  newUsers: number;
  /** Keys of the users this batch introduced. */
  newUserKeys: string[];
  /** User-days that did not exist before this batch: (user, day). */
  newUserDays: { user: string; day: string }[];
  /** Features whose first use this batch established (not just moved earlier). */
  newFeatures: { key: string; at: Date; user: string }[];
  lastActivityAt: Date | null;
}

interface InsertedEvent {
  type: string;
  user_key: string;
  event: string | null;
  occurred_at: Date;
  properties: Record<string, unknown>;
}

/**
 * Stores a batch's raw events (duplicates by key are skipped) and folds the newly stored ones
 * into the rollups. Every write here is an atomic upsert on a rollup key, sorted so that
 * concurrent batches lock rows in the same order. Only events this call inserted count, so a
 * re-sent event never counts twice.
 */
export async function applyEvents(
  trx: Transaction<Database>,
  pack: ProcessPack,
  instanceId: string,
  events: NormalizedEvent[],
  receivedAt: Date,
): Promise<EventsApplied> {
  const inserted = await insertRaw(trx, instanceId, events, receivedAt);
  const result: EventsApplied = {
    inserted: inserted.length,
    duplicates: events.length - inserted.length,
    newUsers: 0,
    newUserKeys: [],
    newUserDays: [],
    newFeatures: [],
    lastActivityAt: null,
  };
  if (inserted.length === 0) return result;

  const userDayEvents = new Map<string, number>();
  const users = new Map<string, { firstSeen: Date; traits: Record<string, unknown> }>();
  const featureByEvent = new Map<string, string>();
  for (const f of pack.usage.features) for (const e of f.events) featureByEvent.set(e, f.key);
  const firstFeatureUse = new Map<string, { at: Date; user: string }>();

  for (const e of inserted) {
    const u = users.get(e.user_key);
    if (!u) users.set(e.user_key, { firstSeen: e.occurred_at, traits: e.type === "identify" ? e.properties : {} });
    else {
      if (e.occurred_at < u.firstSeen) u.firstSeen = e.occurred_at;
      if (e.type === "identify") u.traits = { ...u.traits, ...e.properties };
    }
    if (e.type !== "track") continue;
    if (!result.lastActivityAt || e.occurred_at > result.lastActivityAt) result.lastActivityAt = e.occurred_at;
    const k = `${dayOf(e.occurred_at)}\u0000${e.user_key}`;
    userDayEvents.set(k, (userDayEvents.get(k) ?? 0) + 1);
    const feature = e.event === null ? undefined : featureByEvent.get(e.event);
    if (feature !== undefined) {
      const seen = firstFeatureUse.get(feature);
      if (!seen || e.occurred_at < seen.at) firstFeatureUse.set(feature, { at: e.occurred_at, user: e.user_key });
    }
  }

  const newUserDays = await upsertActivity(trx, instanceId, userDayEvents);
  result.newUserDays = newUserDays;
  result.newUserKeys = await upsertUsers(trx, instanceId, users, newUserDays);
  result.newUsers = result.newUserKeys.length;
  result.newFeatures = await upsertFeatures(trx, instanceId, firstFeatureUse);
  return result;
}

async function insertRaw(
  trx: Transaction<Database>,
  instanceId: string,
  events: NormalizedEvent[],
  receivedAt: Date,
): Promise<InsertedEvent[]> {
  // One parameter for the whole batch: jsonb_to_recordset is far cheaper than thousands of
  // bind parameters, and PostgreSQL caps a statement at 65,535 of those anyway.
  const rows = JSON.stringify(
    events.map((e) => ({ k: e.key, t: e.type, u: e.user, e: e.event, o: e.occurredAt.toISOString(), p: e.properties })),
  );
  // Only the keys come back (returning whole rows cost a third of the insert); the events are
  // still in memory. Within one batch the first event with a key is the one stored.
  const res = await sql<{ event_key: string }>`
    insert into usage_events (instance_id, key_hash, event_key, type, user_key, event, occurred_at, received_at, properties)
    select ${instanceId}::uuid, md5(r.k)::uuid, r.k, r.t, r.u, r.e, r.o, ${receivedAt.toISOString()}::timestamptz, coalesce(r.p, '{}'::jsonb)
    from jsonb_to_recordset(${rows}::jsonb) as r(k text, t text, u text, e text, o timestamptz, p jsonb)
    on conflict (instance_id, key_hash) do nothing
    returning event_key
  `.execute(trx);
  if (res.rows.length === 0) return [];
  const stored = new Set(res.rows.map((r) => r.event_key));
  const out: InsertedEvent[] = [];
  for (const e of events) {
    if (!stored.delete(e.key)) continue;
    out.push({ type: e.type, user_key: e.user, event: e.event, occurred_at: e.occurredAt, properties: e.properties });
  }
  return out;
}

function splitKey(k: string): { day: string; user: string } {
  const at = k.indexOf("\u0000");
  return { day: k.slice(0, at), user: k.slice(at + 1) };
}

/**
 * User-days, days, user-months and months in one statement (one round trip and one plan
 * instead of four): new user-days (`xmax = 0`: freshly inserted) feed the active-user counts
 * of their day and, when also new for the month, of their month. Rows go in sorted so that
 * concurrent batches lock in the same order. Returns the new user-days.
 */
async function upsertActivity(
  trx: Transaction<Database>,
  instanceId: string,
  userDayEvents: Map<string, number>,
): Promise<{ user: string; day: string }[]> {
  if (userDayEvents.size === 0) return [];
  const rows = [...userDayEvents.entries()].map(([k, n]) => ({ ...splitKey(k), n }));
  const res = await sql<{ user_key: string; day: string }>`
    with input as (
      select r."user", r.day::date as day, r.n from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("user" text, day text, n int)
    ),
    ud as (
      insert into usage_user_days (instance_id, user_key, day, events)
      select ${instanceId}::uuid, i."user", i.day, i.n from input i order by i.day, i."user"
      on conflict (instance_id, user_key, day) do update set events = usage_user_days.events + excluded.events
      returning user_key, day, (xmax = 0) as fresh
    ),
    fresh as (select user_key, day from ud where fresh),
    days as (
      insert into usage_days (instance_id, day, active_users, events)
      select ${instanceId}::uuid, e.day, coalesce(f.users, 0), e.events
      from (select day, sum(n)::int as events from input group by day) e
      left join (select day, count(*)::int as users from fresh group by day) f on f.day = e.day
      order by e.day
      on conflict (instance_id, day) do update set
        active_users = usage_days.active_users + excluded.active_users,
        events = usage_days.events + excluded.events
    ),
    um as (
      insert into usage_user_months (instance_id, user_key, month)
      select distinct ${instanceId}::uuid, user_key, date_trunc('month', day)::date from fresh order by 3, 2
      on conflict do nothing
      returning month
    ),
    months as (
      insert into usage_months (instance_id, month, active_users)
      select ${instanceId}::uuid, month, count(*)::int from um group by month order by month
      on conflict (instance_id, month) do update set active_users = usage_months.active_users + excluded.active_users
    )
    select user_key, day from fresh
  `.execute(trx);
  return res.rows.map((r) => ({ user: r.user_key, day: r.day }));
}

async function upsertUsers(
  trx: Transaction<Database>,
  instanceId: string,
  users: Map<string, { firstSeen: Date; traits: Record<string, unknown> }>,
  newUserDays: { user: string; day: string }[],
): Promise<string[]> {
  const activity = new Map<string, { days: number; last: string }>();
  for (const { user, day } of newUserDays) {
    const a = activity.get(user);
    if (!a) activity.set(user, { days: 1, last: day });
    else {
      a.days += 1;
      if (day > a.last) a.last = day;
    }
  }
  const rows = [...users.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([user, u]) => {
      const a = activity.get(user);
      return { user, first: u.firstSeen.toISOString(), last: a?.last ?? null, days: a?.days ?? 0, traits: u.traits };
    });
  const res = await sql<{ user_key: string; fresh: boolean }>`
    insert into usage_users (instance_id, user_key, first_seen_at, last_active_day, active_days, traits)
    select ${instanceId}::uuid, r.user, r.first, r.last::date, r.days, coalesce(r.traits, '{}'::jsonb)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("user" text, first timestamptz, last text, days int, traits jsonb)
    on conflict (instance_id, user_key) do update set
      first_seen_at = least(usage_users.first_seen_at, excluded.first_seen_at),
      last_active_day = greatest(usage_users.last_active_day, excluded.last_active_day),
      active_days = usage_users.active_days + excluded.active_days,
      traits = usage_users.traits || excluded.traits
    returning user_key, (xmax = 0) as fresh
  `.execute(trx);
  return res.rows.filter((r) => r.fresh).map((r) => r.user_key);
}

async function upsertFeatures(
  trx: Transaction<Database>,
  instanceId: string,
  firstUse: Map<string, { at: Date; user: string }>,
): Promise<{ key: string; at: Date; user: string }[]> {
  if (firstUse.size === 0) return [];
  const rows = [...firstUse.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, f]) => ({ key, at: f.at.toISOString(), user: f.user }));
  // An earlier event moves the first-use date back; only a brand-new row is a "first use".
  const res = await sql<{ feature: string; fresh: boolean }>`
    insert into usage_features (instance_id, feature, first_used_at, first_user_key, source)
    select ${instanceId}::uuid, r.key, r.at, r.user, 'event'
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(key text, at timestamptz, "user" text)
    on conflict (instance_id, feature) do update set
      first_used_at = excluded.first_used_at, first_user_key = excluded.first_user_key, source = 'event'
      where excluded.first_used_at < usage_features.first_used_at
    returning feature, (xmax = 0) as fresh
  `.execute(trx);
  const fresh = new Set(res.rows.filter((r) => r.fresh).map((r) => r.feature));
  return rows.filter((r) => fresh.has(r.key)).map((r) => ({ key: r.key, at: new Date(r.at), user: r.user }));
}
