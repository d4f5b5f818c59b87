import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { getInstance, makeInstance, sendSegment, signalsOf } from "./usage-fixtures.js";
import { mulberry32 } from "../../src/demo/usage-generator.js";

/**
 * Property: however a stream of usage events is split into batches, reordered, re-sent and
 * duplicated, the incremental rollups equal a from-scratch recomputation of the deduplicated
 * events (UTC days), and the signals derived from them fire exactly as often as the final
 * state implies. Seeds are fixed so a failure names the seed that reproduces it
 * (TRELLIS_PROPERTY_SEEDS=17,42 runs just those).
 */

const DAY_MS = 86_400_000;
const RUNS = 30;
const SEEDS = process.env.TRELLIS_PROPERTY_SEEDS
  ? process.env.TRELLIS_PROPERTY_SEEDS.split(",").map((s) => Number(s.trim()))
  : Array.from({ length: RUNS }, (_, i) => 1000 + i * 7919);

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** lo..hi inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error("pick from an empty list");
    return x;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/** The same instant written with a UTC offset, as a sender in another zone would. */
function withOffset(at: Date, offsetMinutes: number): string {
  if (offsetMinutes === 0) return at.toISOString();
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
const OFFSETS = [0, 0, 0, 120, -300, 330, -600, 840];

type Channel = "trellis" | "segment";

interface GenEvent {
  channel: Channel;
  type: "track" | "identify";
  /** The dedupe identity the server should apply: the sender's id, else the content. */
  key: string;
  user: string;
  event: string | null;
  at: Date;
  /** Renders what goes over the wire; a re-send may write the same instant with another offset. */
  wire: (rng: Rng) => Record<string, unknown>;
}

interface Request {
  instance: number;
  channel: Channel;
  batchId: string | undefined;
  entries: Record<string, unknown>[];
}

const OTHER_EVENTS = ["page.viewed", "repo.opened", "settings.saved", "user.signed_in"];

function generateEvents(rng: Rng, run: number, inst: number, now: Date, featureEvents: string[]): GenEvent[] {
  const nUsers = rng.chance(0.2) ? rng.int(1, 3) : rng.chance(0.3) ? rng.int(45, 60) : rng.int(4, 25);
  const users = Array.from({ length: nUsers }, (_, i) => (rng.chance(0.5) ? `u${i}` : `user${i}@corp${inst}.example`));
  const nEvents = rng.int(10, 260);
  const names = [...featureEvents, ...OTHER_EVENTS];
  const out: GenEvent[] = [];
  for (let i = 0; i < nEvents; i++) {
    // Skewed towards a few heavy users, so some become power users.
    const user = rng.chance(0.4) ? (users[0] as string) : rng.pick(users);
    const previous = out.length > 0 ? rng.pick(out) : undefined;
    // Sometimes exactly the instant of an earlier event (ties for feature first use), else anywhere in ~60 days.
    const at =
      previous && rng.chance(0.1)
        ? previous.at
        : new Date(now.getTime() - Math.floor(rng.float() * 60 * DAY_MS) - (rng.chance(0.1) ? 0 : rng.int(0, 999)));
    const id = rng.chance(0.6) ? `r${run}i${inst}e${i}` : undefined;
    const channel: Channel = rng.chance(0.25) ? "segment" : "trellis";
    const identify = channel === "segment" && rng.chance(0.4);
    const iso = at.toISOString();
    if (identify) {
      const traits = rng.chance(0.7) ? { email: user.includes("@") ? user : `${user}@x.example`, plan: rng.pick(["a", "b"]) } : undefined;
      const anonymous = rng.chance(0.2);
      out.push({
        channel,
        type: "identify",
        key: id !== undefined ? `id:${id}` : `c:segment:${JSON.stringify(["identify", user, null, iso, traits ?? {}])}`,
        user,
        event: null,
        at,
        wire: (r) => ({
          type: "identify",
          ...(id !== undefined ? { messageId: id } : {}),
          ...(anonymous ? { anonymousId: user } : { userId: user }),
          ...(traits ? { traits } : {}),
          timestamp: withOffset(at, r.pick(OFFSETS)),
          context: { library: { name: "analytics-node", version: "6.0.0" } },
          integrations: { All: true },
        }),
      });
      continue;
    }
    const event = rng.chance(0.5) ? rng.pick(featureEvents) : rng.pick(names);
    const properties = rng.chance(0.5) ? { n: rng.int(0, 3) } : undefined;
    out.push({
      channel,
      type: "track",
      key:
        id !== undefined
          ? `id:${id}`
          : channel === "trellis"
            ? `c:trellis:${JSON.stringify([user, event, iso, properties ?? {}])}`
            : `c:segment:${JSON.stringify(["track", user, event, iso, properties ?? {}])}`,
      user,
      event,
      at,
      wire: (r) =>
        channel === "trellis"
          ? { ...(id !== undefined ? { id } : {}), user, event, timestamp: withOffset(at, r.pick(OFFSETS)), ...(properties ? { properties } : {}) }
          : {
              type: "track",
              ...(id !== undefined ? { messageId: id } : {}),
              userId: user,
              event,
              timestamp: withOffset(at, r.pick(OFFSETS)),
              ...(properties ? { properties } : {}),
              context: { ip: "203.0.113.9" },
            },
    });
  }
  return out;
}

/** Splits an instance's events into requests: shuffled, with re-sent events, in-batch duplicates and re-sent batches. */
function planRequests(rng: Rng, run: number, inst: number, events: GenEvent[]): Request[] {
  const requests: Request[] = [];
  for (const channel of ["trellis", "segment"] as const) {
    const items = events.filter((e) => e.channel === channel);
    // Re-sent events (same id, or same content without an id), rendered anew.
    const resent = items.filter(() => rng.chance(0.15));
    const wire = rng.shuffle([...items, ...resent]).map((e) => e.wire(rng));
    let at = 0;
    let n = 0;
    while (at < wire.length) {
      const size = rng.chance(0.1) ? rng.int(60, 200) : rng.int(1, 40);
      const entries = wire.slice(at, at + size);
      at += size;
      // A duplicate inside one batch.
      if (rng.chance(0.15) && entries.length > 0) entries.push(rng.pick(entries));
      const batchId = rng.chance(0.5) ? `r${run}i${inst}${channel[0]}${n++}` : undefined;
      requests.push({ instance: inst, channel, batchId, entries });
    }
  }
  // Whole batches sent again (with their batch id when they had one).
  const again = requests.filter(() => rng.chance(0.2)).map((r) => ({ ...r, entries: [...r.entries] }));
  return [...requests, ...again];
}

interface Expected {
  keys: number;
  userDays: string[];
  days: string[];
  userMonths: string[];
  months: string[];
  users: string[];
  features: Map<string, { at: Date; users: Set<string> }>;
  eventUsers: number;
  lastActivityAt: Date | null;
  mau: number;
  pql: boolean;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
const daysApart = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);

/** The rollups recomputed from scratch from the deduplicated events. */
function recompute(events: GenEvent[], today: string, featureOf: Map<string, string>, kind: "trial" | "production"): Expected {
  const unique = new Map<string, GenEvent>();
  for (const e of events) if (!unique.has(e.key)) unique.set(e.key, e);
  const all = [...unique.values()];
  const track = all.filter((e) => e.type === "track");

  const userDays = new Map<string, number>();
  const dayUsers = new Map<string, Set<string>>();
  const dayEvents = new Map<string, number>();
  const monthUsers = new Map<string, Set<string>>();
  const activeDays = new Map<string, Set<string>>();
  const features = new Map<string, { at: Date; users: Set<string> }>();
  let lastActivityAt: Date | null = null;
  for (const e of track) {
    const day = dayOf(e.at);
    userDays.set(`${e.user} ${day}`, (userDays.get(`${e.user} ${day}`) ?? 0) + 1);
    dayUsers.set(day, (dayUsers.get(day) ?? new Set()).add(e.user));
    dayEvents.set(day, (dayEvents.get(day) ?? 0) + 1);
    monthUsers.set(monthOf(day), (monthUsers.get(monthOf(day)) ?? new Set()).add(e.user));
    activeDays.set(e.user, (activeDays.get(e.user) ?? new Set()).add(day));
    if (!lastActivityAt || e.at > lastActivityAt) lastActivityAt = e.at;
    const feature = e.event === null ? undefined : featureOf.get(e.event);
    if (feature !== undefined) {
      const f = features.get(feature);
      if (!f || e.at < f.at) features.set(feature, { at: e.at, users: new Set([e.user]) });
      else if (e.at.getTime() === f.at.getTime()) f.users.add(e.user);
    }
  }
  const firstSeen = new Map<string, Date>();
  for (const e of all) {
    const f = firstSeen.get(e.user);
    if (!f || e.at < f) firstSeen.set(e.user, e.at);
  }
  const windowStart = dayOf(new Date(Date.parse(today) - 29 * DAY_MS));
  const mau = [...activeDays.values()].filter((days) => [...days].some((d) => d >= windowStart)).length;
  const powerUser = [...activeDays.values()].some((days) => {
    const sorted = [...days].sort();
    for (let i = 0; i + 4 < sorted.length; i++) if (daysApart(sorted[i] as string, sorted[i + 4] as string) <= 6) return true;
    return false;
  });
  const sortedUserDays = (days: Set<string> | undefined) => (days ? [...days].sort() : []);
  return {
    keys: unique.size,
    userDays: [...userDays].map(([k, n]) => `${k} ${n}`).sort(),
    days: [...dayEvents].map(([d, n]) => `${d} users=${dayUsers.get(d)?.size ?? 0} events=${n}`).sort(),
    userMonths: [...monthUsers].flatMap(([m, us]) => [...us].map((u) => `${u} ${m}`)).sort(),
    months: [...monthUsers].map(([m, us]) => `${m} ${us.size}`).sort(),
    users: [...firstSeen].map(([u, at]) => {
      const days = sortedUserDays(activeDays.get(u));
      return `${u} first=${at.toISOString()} last=${days[days.length - 1] ?? null} days=${days.length}`;
    }).sort(),
    features,
    eventUsers: firstSeen.size,
    lastActivityAt,
    mau,
    pql: kind === "trial" && (firstSeen.size > 50 || mau > 10 || powerUser),
  };
}

async function actual(server: TestServer, instanceId: string) {
  const db = server.ctx.db;
  const [userDays, days, userMonths, months, users, features, state, events] = await Promise.all([
    db.selectFrom("usage_user_days").select(["user_key", "day", "events"]).where("instance_id", "=", instanceId).execute(),
    db.selectFrom("usage_days").select(["day", "active_users", "events"]).where("instance_id", "=", instanceId).execute(),
    db.selectFrom("usage_user_months").select(["user_key", "month"]).where("instance_id", "=", instanceId).execute(),
    db.selectFrom("usage_months").select(["month", "active_users"]).where("instance_id", "=", instanceId).execute(),
    db.selectFrom("usage_users").select(["user_key", "first_seen_at", "last_active_day", "active_days"]).where("instance_id", "=", instanceId).execute(),
    db.selectFrom("usage_features").select(["feature", "first_used_at", "first_user_key", "source"]).where("instance_id", "=", instanceId).execute(),
    db.selectFrom("usage_state").selectAll().where("instance_id", "=", instanceId).executeTakeFirst(),
    db.selectFrom("usage_events").select((eb) => eb.fn.countAll<number>().as("n")).where("instance_id", "=", instanceId).executeTakeFirstOrThrow(),
  ]);
  return {
    keys: Number(events.n),
    userDays: userDays.map((r) => `${r.user_key} ${r.day} ${r.events}`).sort(),
    days: days.map((r) => `${r.day} users=${r.active_users} events=${r.events}`).sort(),
    userMonths: userMonths.map((r) => `${r.user_key} ${r.month}`).sort(),
    months: months.map((r) => `${r.month} ${r.active_users}`).sort(),
    users: users.map((r) => `${r.user_key} first=${r.first_seen_at.toISOString()} last=${r.last_active_day} days=${r.active_days}`).sort(),
    features,
    state,
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("usage rollups (property)", () => {
  it.each(SEEDS.map((seed, run) => ({ seed, run })))("rollups equal a recomputation of the deduplicated events (seed $seed)", async ({ seed, run }) => {
    const rng = new Rng(seed);
    // Each run starts at another hour of another day.
    server.ctx.clock.advance(rng.int(1, 40) * 3_600_000 + rng.int(0, 3_599_999));
    const now = server.ctx.clock.now();
    const pack = server.ctx.packs.current();
    const featureOf = new Map<string, string>();
    for (const f of pack.usage.features) for (const e of f.events) featureOf.set(e, f.key);
    const featureEvents = [...featureOf.keys()];

    const nInstances = rng.int(1, 2);
    const instances: { id: string; token: string; kind: "trial" | "production"; seats: number | null; events: GenEvent[] }[] = [];
    for (let i = 0; i < nInstances; i++) {
      const kind = i === 1 && rng.chance(0.5) ? ("production" as const) : ("trial" as const);
      const seats = rng.chance(0.6) ? rng.int(3, 40) : null;
      const made = await makeInstance(server, { slug: `p${run}x${i}`, kind, seats });
      const events = generateEvents(rng, run, i, now, featureEvents);
      instances.push({ ...made, kind, seats, events });
    }

    // Both instances' requests interleaved, a few at a time concurrently.
    const requests = rng.shuffle(instances.flatMap((inst, i) => planRequests(rng, run, i, inst.events)));
    const accepted = instances.map(() => 0);
    for (let at = 0; at < requests.length; ) {
      const group = requests.slice(at, at + rng.int(1, 3));
      at += group.length;
      const responses = await Promise.all(
        group.map(async (r) => {
          const inst = instances[r.instance];
          if (!inst) throw new Error("no instance");
          const res =
            r.channel === "trellis"
              ? await server.app.inject({
                  method: "POST",
                  url: "/api/v1/ingest/events",
                  headers: { authorization: `Bearer ${inst.token}` },
                  payload: { ...(r.batchId !== undefined ? { batchId: r.batchId } : {}), events: r.entries },
                })
              : await sendSegment(server, inst.token, r.entries, r.batchId !== undefined ? { "idempotency-key": r.batchId } : {});
          return { r, res };
        }),
      );
      for (const { r, res } of responses) {
        expect(res.statusCode, `seed ${seed}: ${res.body}`).toBe(r.channel === "trellis" ? 202 : 200);
        accepted[r.instance] = (accepted[r.instance] ?? 0) + res.json<{ accepted: number }>().accepted;
      }
    }

    const today = dayOf(server.ctx.clock.now());
    for (const [i, inst] of instances.entries()) {
      const want = recompute(inst.events, today, featureOf, inst.kind);
      const got = await actual(server, inst.id);
      const label = `seed ${seed}, instance ${i}`;
      expect(accepted[i], label).toBe(want.keys);
      expect(got.keys, label).toBe(want.keys);
      expect(got.userDays, label).toEqual(want.userDays);
      expect(got.days, label).toEqual(want.days);
      expect(got.userMonths, label).toEqual(want.userMonths);
      expect(got.months, label).toEqual(want.months);
      expect(got.users, label).toEqual(want.users);

      expect(got.features.map((f) => `${f.feature} ${f.first_used_at.toISOString()} ${f.source}`).sort(), label).toEqual(
        [...want.features].map(([k, f]) => `${k} ${f.at.toISOString()} event`).sort(),
      );
      for (const f of got.features) {
        const w = want.features.get(f.feature);
        // Two events at the same earliest instant: either user may be recorded as the first.
        expect(w && f.first_user_key !== null && w.users.has(f.first_user_key), `${label}: ${f.feature} first user ${f.first_user_key}`).toBe(true);
      }
      expect(got.state?.event_users, label).toBe(want.eventUsers);
      expect(got.state?.last_activity_at?.toISOString() ?? null, label).toBe(want.lastActivityAt?.toISOString() ?? null);

      const detail = await getInstance(server, inst.id);
      expect(detail.metrics.mau, `${label}: rolling 30-day MAU`).toBe(want.mau);
      expect(detail.metrics.totalUsers, label).toBe(want.eventUsers);

      // Signals derived from the rollups fire as often as the final state implies, however the batches arrived.
      const signals = await signalsOf(server, inst.id);
      const count = (kind: string) => signals.filter((s) => s.kind === kind).length;
      expect(count("usage.pql_criteria_met"), `${label}: PQL signals`).toBe(want.pql ? 1 : 0);
      expect(count("usage.non_admin_user_joined"), label).toBe(want.eventUsers >= 2 ? 1 : 0);
      expect(
        signals.filter((s) => s.kind === "usage.feature_first_used").map((s) => String(s.data.feature)).sort(),
        `${label}: one first-use signal per feature`,
      ).toEqual([...want.features.keys()].sort());
      const band = inst.seats !== null && inst.seats > 0 ? pack.usage.seatUtilizationThresholds.filter((t) => want.mau / (inst.seats as number) >= t).length : 0;
      expect(got.state?.seat_band, `${label}: seat band`).toBe(band);
    }
  });
});
