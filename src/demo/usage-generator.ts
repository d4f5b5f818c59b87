import type { NormalizedEvent, PingBody } from "../domains/usage/event-input.js";
import { DAY_MS } from "../platform/clock/clock.js";
import { dayOf as utcDay, dayStartMs } from "../domains/usage/days.js";
import { FEATURE_WEIGHTS, GENERIC_EVENTS, PROFILE_SHAPES, type ProfileShape, type UsageProfile } from "./usage-profiles.js";

export { USAGE_PROFILES, type UsageProfile } from "./usage-profiles.js";

/**
 * Seeded, deterministic usage for one instance: the same options give the same events (with
 * the same ids, so feeding them twice counts once) and the same pings. Pure: no database, no
 * clock, no Math.random. Streams day by day, so a long range never sits in memory at once.
 */
export interface UsageCatalog {
  features: readonly { key: string; events: readonly string[] }[];
  releases: readonly string[];
}

export interface UsageGeneratorOptions {
  profile: UsageProfile;
  /** The company's domain: users are keyed by email at it. */
  domain: string;
  seed: number | string;
  /** First day, "YYYY-MM-DD" (UTC). */
  from: string;
  /** The end: the last day is the UTC day of `to`, and no event is later than it. */
  to: Date;
  /** The pack's usage section (or the same shape). */
  catalog: UsageCatalog;
  /** Production instances: the licensed seats the user count follows (default 100). */
  seats?: number | null | undefined;
  /** Mean events per active user-day (default 8). */
  eventsPerUserDay?: number;
}

export interface UsageDay {
  day: string;
  /** The day's events, oldest first. */
  events: NormalizedEvent[];
  /** The instance's aggregate for the day, consistent with the events (and earlier activity). */
  ping: PingBody & { day: string };
}

export interface UsagePlan {
  profile: UsageProfile;
  kind: "production" | "trial";
  /** The instance admin (the first user). */
  admin: string;
  users: string[];
  /** about_to_pql: the user one more active day away from the T11 power-user line. */
  powerUser: string | null;
}

const dayOf = (ms: number) => utcDay(new Date(ms));
const dayStart = dayStartMs;

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the parts, so string seeds and options pick independent streams. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const FIRST = ["ada", "ben", "chloe", "dev", "elena", "farid", "gita", "hugo", "ines", "jonas", "kai", "lena", "marco", "nadia", "owen", "pia", "quinn", "rosa", "sven", "tara", "umar", "vera", "wen", "xavi", "yuki", "zoe", "amir", "bea", "carl", "dana", "emil", "fay", "gus", "hana", "ivan", "jade", "karl", "lia", "milo", "nora"];
const LAST = ["adams", "baker", "costa", "dubois", "evans", "fischer", "garcia", "haddad", "ito", "jensen", "kowalski", "lopez", "moreau", "nakamura", "okafor", "patel", "quist", "rossi", "silva", "tanaka", "ueda", "varga", "weber", "xu", "yilmaz", "zhang", "berg", "cohen", "diaz", "ek"];

interface SimUser {
  key: string;
  engagement: number;
  joinDay: number;
  leaveDay: number;
  eventsPerDay: number;
  hour: number;
  /** Day indices (relative to the range start) this user was active on, newest last. */
  active: number[];
}

interface Prepared {
  shape: ProfileShape;
  users: SimUser[];
  powerUser: SimUser | null;
  rng: () => number;
  nDays: number;
}

function prepare(o: UsageGeneratorOptions): Prepared {
  const shape = PROFILE_SHAPES[o.profile];
  const rng = mulberry32(hashSeed(o.seed, o.profile, o.domain, o.from));
  const seats = o.seats ?? 100;
  const nDays = Math.floor((dayStart(dayOf(o.to.getTime())) - dayStart(o.from)) / DAY_MS) + 1;
  if (nDays < 1) throw new Error(`usage generator: ${o.from} is after ${o.to.toISOString()}`);
  const count = Math.max(1, shape.users(seats, rng));
  const taken = new Set<string>();
  const users: SimUser[] = [];
  for (let i = 0; i < count; i++) {
    let name = `${FIRST[Math.floor(rng() * FIRST.length)]}.${LAST[Math.floor(rng() * LAST.length)]}`;
    for (let n = 2; taken.has(name); n++) name = `${name.replace(/\d+$/, "")}${n}`;
    taken.add(name);
    const [lo, hi] = shape.engagement;
    const before = i === 0 || rng() < shape.joinedBefore;
    users.push({
      key: `${name}@${o.domain}`,
      engagement: lo + rng() * (hi - lo),
      // Trials start on day 0 with the admin; production users may predate the range.
      joinDay: before ? (shape.kind === "trial" ? 0 : -Infinity) : Math.floor(rng() * shape.joinSpan * nDays),
      leaveDay: rng() < shape.leavers && i > 0 ? Math.floor(nDays * (0.1 + 0.9 * rng())) : Number.POSITIVE_INFINITY,
      eventsPerDay: (o.eventsPerUserDay ?? 8) * (0.4 + rng() * 1.2),
      hour: 7 + rng() * 4,
      active: [],
    });
  }
  const powerUser = o.profile === "about_to_pql" ? (users[1] ?? users[0] ?? null) : null;
  if (powerUser) powerUser.joinDay = 0;
  return { shape, users, powerUser, rng, nDays };
}

export function usagePlan(o: UsageGeneratorOptions): UsagePlan {
  const p = prepare(o);
  return { profile: o.profile, kind: p.shape.kind, admin: p.users[0]!.key, users: p.users.map((u) => u.key), powerUser: p.powerUser?.key ?? null };
}

/** about_to_pql: the power user's days in the last week (day 0 is the last day): 4 of them, so the last day makes 5 within 7. */
const POWER_DAYS_BACK = new Set([6, 5, 3, 1]);
const POWER_QUIET_BACK = new Set([0, 2, 4, 7, 8, 9]);

function isActive(p: Prepared, u: SimUser, d: number, t: number, weekend: boolean): boolean {
  if (d < u.joinDay || d >= u.leaveDay) return false;
  if (u === p.powerUser) {
    const back = p.nDays - 1 - d;
    if (POWER_DAYS_BACK.has(back)) return true;
    if (POWER_QUIET_BACK.has(back)) return false;
  }
  // Trials start with their admin signing in on the first day.
  if (d === 0 && u.joinDay === 0 && p.shape.kind === "trial" && u === p.users[0]) return true;
  const chance = u.engagement * p.shape.level(t) * (weekend ? p.shape.weekendFactor : 1);
  if (p.rng() >= chance) return false;
  if (p.shape.capFiveInSeven) {
    const recent = u.active.filter((a) => a >= d - 6).length;
    if (recent >= 4) return false;
  }
  return true;
}

function pickEvent(p: Prepared, names: { name: string; weight: number }[], total: number): string {
  let x = p.rng() * total;
  for (const n of names) {
    x -= n.weight;
    if (x < 0) return n.name;
  }
  return names[names.length - 1]?.name ?? "page.viewed";
}

function versionAt(shape: ProfileShape, releases: readonly string[], t: number): string | null {
  let index = shape.version.start;
  for (const [at, i] of shape.version.upgrades) if (t >= at) index = i;
  const resolved = index < 0 ? releases.length + index : Math.min(index, releases.length - 1);
  return releases[Math.max(0, resolved)] ?? null;
}

export function* generateUsage(o: UsageGeneratorOptions): Generator<UsageDay> {
  const p = prepare(o);
  const { shape, users, nDays } = p;
  const seats = o.seats ?? 100;
  const end = o.to.getTime();
  const first = dayStart(o.from);
  const enabled = shape.features(o.catalog.features.map((f) => f.key));
  const eventsOf = new Map(o.catalog.features.map((f) => [f.key, f.events]));
  const featureOfEvent = new Map(o.catalog.features.flatMap((f) => f.events.map((e) => [e, f.key] as const)));
  const lastUse = new Map<string, number>();
  // Production instances have a past: 30 quiet-generated days before the range give the first pings a real MAU.
  const warmup = shape.kind === "production" ? -30 : 0;

  for (let d = warmup; d < nDays; d++) {
    const t = nDays > 1 ? Math.max(0, d) / (nDays - 1) : 1;
    const start = first + d * DAY_MS;
    const day = dayOf(start);
    const weekday = new Date(start).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const names = [
      ...GENERIC_EVENTS,
      ...enabled.filter((f) => t >= f.from).flatMap((f) => {
        const evs = eventsOf.get(f.key) ?? [];
        return evs.map((name) => ({ name, weight: (FEATURE_WEIGHTS[f.key] ?? 1) / evs.length }));
      }),
    ];
    const totalWeight = names.reduce((a, n) => a + n.weight, 0);
    const events: NormalizedEvent[] = [];
    for (let ui = 0; ui < users.length; ui++) {
      const u = users[ui]!;
      if (!isActive(p, u, d, t, weekend)) continue;
      const n = 1 + Math.floor(-Math.log(1 - p.rng()) * (u.eventsPerDay - 1));
      let at = start + (u.hour + p.rng() * 2) * 3_600_000;
      let kept = 0;
      for (let k = 0; k < n; k++) {
        at += p.rng() * 20 * 60_000;
        if (at >= start + DAY_MS) break;
        const name = k === 0 ? "page.viewed" : pickEvent(p, names, totalWeight);
        if (d < 0 || at > end) continue;
        kept++;
        events.push({ key: `id:${day}.${ui}.${k}`, type: "track", user: u.key, event: name, occurredAt: new Date(Math.floor(at)), properties: propertiesOf(name, p.rng) });
        const feature = featureOfEvent.get(name);
        if (feature !== undefined) lastUse.set(feature, d);
      }
      if (d < 0 || kept > 0) u.active.push(d);
      if (u.active.length > 40) u.active.splice(0, u.active.length - 40);
    }
    if (d < 0) continue;
    events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const activeWithin = (days: number) => users.filter((u) => u.active.length > 0 && u.active[u.active.length - 1]! > d - days).length;
    yield {
      day,
      events,
      ping: {
        day,
        timestamp: new Date(Math.min(end, start + DAY_MS - 5 * 60_000)).toISOString(),
        totalUsers: users.filter((u) => u.joinDay <= d).length,
        dau: activeWithin(1),
        wau: activeWithin(7),
        mau: activeWithin(30),
        codeHostsConfigured: shape.codeHosts(t),
        repositories: shape.repositories(t, seats),
        version: versionAt(shape, o.catalog.releases, t),
        preciseCodeIntelEnabled: shape.preciseCodeIntel(t),
        featuresUsed: [...lastUse.entries()].filter(([, at]) => at > d - 30).map(([f]) => f).sort(),
      },
    };
  }
}

const PATHS = ["/search", "/repositories", "/batch-changes", "/insights", "/notebooks", "/settings"];

function propertiesOf(name: string, rng: () => number): Record<string, unknown> {
  switch (name) {
    case "page.viewed":
      return { path: PATHS[Math.floor(rng() * PATHS.length)] };
    case "search.submitted":
    case "SearchResultsQueried":
      return { patternType: rng() < 0.7 ? "literal" : "regexp", results: Math.floor(rng() * 500) };
    default:
      return {};
  }
}

/** Cuts a stream of events (e.g. several days) into batches of at most `size`. */
export function* inBatches(events: Iterable<NormalizedEvent>, size: number): Generator<NormalizedEvent[]> {
  let batch: NormalizedEvent[] = [];
  for (const e of events) {
    batch.push(e);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** All events of a generated stream, day after day (pings left out). */
export function* eventsOf(days: Iterable<UsageDay>): Generator<NormalizedEvent> {
  for (const d of days) yield* d.events;
}

/** The event as POST /api/v1/ingest/events takes it. */
export function toWireEvent(e: NormalizedEvent): { id: string; user: string; event: string; timestamp: string; properties: Record<string, unknown> } {
  return { id: e.key.startsWith("id:") ? e.key.slice(3) : e.key, user: e.user, event: e.event ?? "page.viewed", timestamp: e.occurredAt.toISOString(), properties: e.properties };
}
