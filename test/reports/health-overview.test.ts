import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/platform/auth/create-user.js";
import { DAY_MS } from "../../src/platform/clock/clock.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { setNextScore } from "../support/health-in-force.js";

/** The report as the API returns it. */
interface Counts {
  green: number;
  yellow: number;
  red: number;
  unscored: number;
}
interface OverviewBody {
  asOf: string;
  total: number;
  scored: number;
  byBand: Counts;
  missingData: number;
  bySegment: (Counts & { segment: string | null; averageScore: number | null })[];
  byOwner: (Counts & { owner: { id: string; name: string } | null; role: "ta" | "ae"; averageScore: number | null })[];
  movers: { account: { id: string; name: string }; direction: "down" | "up"; from: { score: number; band: string }; to: { score: number; band: string }; delta: number }[];
  trend: { week: string; green: number; yellow: number; red: number; averageScore: number | null }[];
}

let s: TestServer;
const ids: Record<string, string> = {};
const people: Record<string, string> = {};

type Band = "green" | "yellow" | "red";
/** A new score for the account, as a recompute sets it (the one in force goes to the history). */
async function score(name: string, at: string, value: number, band: Band, missing = false): Promise<void> {
  await setNextScore(s.ctx.db, { accountId: ids[name] ?? "", score: value, band, missingData: missing, at });
}

async function account(name: string, o: { segment: string; ta?: string; ae?: string; inBook?: boolean; archived?: boolean }): Promise<void> {
  const id = randomUUID();
  ids[name] = id;
  const now = s.ctx.clock.now();
  await s.ctx.db
    .insertInto("accounts")
    .values({
      id,
      name,
      segment: o.segment,
      ta_user_id: o.ta ? (people[o.ta] ?? null) : null,
      ae_user_id: o.ae ? (people[o.ae] ?? null) : null,
      in_book_at: o.inBook === false ? null : now,
      archived_at: o.archived ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function overview(query = ""): Promise<OverviewBody> {
  const res = await s.app.inject({ method: "GET", url: `/api/v1/reports/health${query}`, headers: { authorization: `Bearer ${await s.tokenFor("support")}` } });
  if (res.statusCode !== 200) throw new Error(`health report: ${res.statusCode} ${res.body}`);
  return res.json<OverviewBody>();
}

/**
 * The fixture, counted by hand. Now is Monday 2026-01-05 09:00 UTC; "7 days ago" is 2025-12-29 09:00.
 * Current: a1 green 80 · a2 yellow 50 (missing) · a3 red 20 · a4 unscored · a5 red 35 (missing) · a6 green 100 · a7 yellow 45.
 * Not counted: out (not in the book), gone (archived).
 */
beforeAll(async () => {
  s = await createTestServer({ now: new Date("2026-01-05T09:00:00Z") });
  for (const [key, role, name] of [["ana", "ta", "Ana TA"], ["ben", "ta", "Ben TA"], ["cal", "ae", "Cal AE"]] as const) {
    people[key] = (await createUser(s.ctx, { email: `${key}@vendor.test`, name, role, actor: systemActor("test") })).id;
  }
  await account("a1", { segment: "Enterprise", ta: "ana", ae: "cal" });
  await account("a2", { segment: "Enterprise", ta: "ana", ae: "cal" });
  await account("a3", { segment: "SMB", ta: "ben", ae: "cal" });
  await account("a4", { segment: "SMB" });
  await account("a5", { segment: "Enterprise", ta: "ben" });
  await account("a6", { segment: "Enterprise", ta: "ana" });
  await account("a7", { segment: "SMB" });
  await account("out", { segment: "Enterprise", ta: "ana", inBook: false });
  await account("gone", { segment: "SMB", ta: "ben", archived: true });
  await score("a1", "2025-12-01T12:00:00Z", 60, "yellow");
  await score("a2", "2025-12-01T12:00:00Z", 75, "green");
  await score("out", "2025-12-01T12:00:00Z", 90, "green");
  await score("gone", "2025-12-01T12:00:00Z", 10, "red");
  await score("a6", "2025-12-10T12:00:00Z", 70, "green");
  await score("a7", "2025-12-10T12:00:00Z", 60, "yellow");
  await score("a3", "2025-12-20T12:00:00Z", 46, "yellow");
  await score("a5", "2025-12-26T12:00:00Z", 35, "red", true);
  await score("a6", "2026-01-01T12:00:00Z", 100, "green");
  await score("a7", "2026-01-01T12:00:00Z", 45, "yellow");
  await score("a1", "2026-01-02T12:00:00Z", 80, "green");
  await score("a3", "2026-01-03T12:00:00Z", 20, "red");
  await score("a2", "2026-01-04T12:00:00Z", 50, "yellow", true);
});
afterAll(async () => {
  await s.close();
});

const zero = { green: 0, yellow: 0, red: 0, averageScore: null };

describe("S1 health overview report", () => {
  it("S1 counts the book by band, segment and owner as the hand count says (out of the book and archived left out)", async () => {
    const r = await overview();
    expect(r.asOf).toBe("2026-01-05T09:00:00.000Z");
    expect({ total: r.total, scored: r.scored, byBand: r.byBand, missingData: r.missingData }).toEqual({
      total: 7,
      scored: 6,
      byBand: { green: 2, yellow: 2, red: 2, unscored: 1 },
      missingData: 2,
    });
    expect(r.bySegment).toEqual([
      { segment: "Enterprise", green: 2, yellow: 1, red: 1, unscored: 0, averageScore: 66.3 },
      { segment: "SMB", green: 0, yellow: 1, red: 1, unscored: 1, averageScore: 32.5 },
    ]);
    expect(r.byOwner).toEqual([
      { owner: { id: people.ana, name: "Ana TA" }, role: "ta", green: 2, yellow: 1, red: 0, unscored: 0, averageScore: 76.7 },
      { owner: { id: people.ben, name: "Ben TA" }, role: "ta", green: 0, yellow: 0, red: 2, unscored: 0, averageScore: 27.5 },
      { owner: null, role: "ta", green: 0, yellow: 1, red: 0, unscored: 1, averageScore: 45 },
      { owner: { id: people.cal, name: "Cal AE" }, role: "ae", green: 1, yellow: 1, red: 1, unscored: 0, averageScore: 50 },
      { owner: null, role: "ae", green: 1, yellow: 1, red: 1, unscored: 1, averageScore: 60 },
    ]);
  });

  it("S1 segment and owner filters narrow every part of the report", async () => {
    const smb = await overview("?segment=SMB");
    expect([smb.total, smb.byBand]).toEqual([3, { green: 0, yellow: 1, red: 1, unscored: 1 }]);
    expect(smb.movers.map((m) => m.account.name)).toEqual(["a3", "a7"]);
    const ben = await overview(`?ownerUserId=${people.ben}`);
    expect([ben.total, ben.byBand, ben.missingData]).toEqual([2, { green: 0, yellow: 0, red: 2, unscored: 0 }, 1]);
    expect(ben.movers.map((m) => m.account.name)).toEqual(["a3"]);
    expect(ben.trend.at(-1)).toEqual({ week: "2026-01-05", green: 0, yellow: 0, red: 2, averageScore: 27.5 });
  });

  it("S3 movers: the last 7 days' biggest moves, down then up, band changes first", async () => {
    const r = await overview();
    expect(r.movers.map((m) => [m.account.name, m.direction, m.from, m.to, m.delta])).toEqual([
      ["a3", "down", { score: 46, band: "yellow" }, { score: 20, band: "red" }, -26],
      ["a2", "down", { score: 75, band: "green" }, { score: 50, band: "yellow" }, -25],
      ["a7", "down", { score: 60, band: "yellow" }, { score: 45, band: "yellow" }, -15],
      ["a1", "up", { score: 60, band: "yellow" }, { score: 80, band: "green" }, 20],
      ["a6", "up", { score: 70, band: "green" }, { score: 100, band: "green" }, 30],
    ]);
    expect(r.movers[0]?.account.id).toBe(ids.a3);
  });

  it("S1 trend: each week's bands as of its end, 12 weeks up to now", async () => {
    const r = await overview();
    expect(r.trend.map((w) => w.week)).toEqual([
      "2025-10-20", "2025-10-27", "2025-11-03", "2025-11-10", "2025-11-17", "2025-11-24",
      "2025-12-01", "2025-12-08", "2025-12-15", "2025-12-22", "2025-12-29", "2026-01-05",
    ]);
    expect(r.trend.slice(0, 6).every((w) => w.green + w.yellow + w.red === 0 && w.averageScore === null)).toBe(true);
    expect(r.trend.slice(6)).toEqual([
      { week: "2025-12-01", green: 1, yellow: 1, red: 0, averageScore: 67.5 },
      { week: "2025-12-08", green: 2, yellow: 2, red: 0, averageScore: 66.3 },
      { week: "2025-12-15", green: 2, yellow: 3, red: 0, averageScore: 62.2 },
      { week: "2025-12-22", green: 2, yellow: 3, red: 1, averageScore: 57.7 },
      { week: "2025-12-29", green: 2, yellow: 2, red: 2, averageScore: 55 },
      { week: "2026-01-05", green: 2, yellow: 2, red: 2, averageScore: 55 },
    ]);
  });

  it("S1 after the clock moves a week: the trend shifts, the new week shows the new score, movers look at the new 7 days", async () => {
    s.ctx.clock.advance(7 * DAY_MS);
    await score("a5", s.ctx.clock.now().toISOString(), 75, "green");
    const r = await overview();
    expect(r.trend[0]).toEqual({ week: "2025-10-27", ...zero });
    expect(r.trend.slice(-2)).toEqual([
      { week: "2026-01-05", green: 2, yellow: 2, red: 2, averageScore: 55 },
      { week: "2026-01-12", green: 3, yellow: 2, red: 1, averageScore: 61.7 },
    ]);
    expect(r.movers.map((m) => [m.account.name, m.direction, m.delta])).toEqual([["a5", "up", 40]]);
    expect(r.byBand).toEqual({ green: 3, yellow: 2, red: 1, unscored: 1 });
  });

  it("S1 a bad owner id is a 400 naming the field", async () => {
    const res = await s.app.inject({ method: "GET", url: "/api/v1/reports/health?ownerUserId=nobody", headers: { authorization: `Bearer ${await s.tokenFor("ae")}` } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: ["querystring", "ownerUserId"] }] } } });
  });
});
