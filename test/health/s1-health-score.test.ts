import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recomputeAccountHealth } from "../../src/domains/health/recompute.js";
import { defaultPack } from "../../src/pack/default-pack.js";
import { validatePack } from "../../src/platform/pack/load-pack.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { addDays, dayOf } from "../../src/domains/usage/days.js";
import { addActivity, addInstance, addTicket, advanceDays, api, makeAccount, timeline } from "./health-fixtures.js";

/** The default pack with a score on any known input: these tests grade traits one at a time. */
const sparsePack = validatePack({ ...defaultPack, version: "2026.11.30-sparse", health: { ...defaultPack.health, minKnownWeight: 0 } }, "test");

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
  s.ctx.packs.useOnly(sparsePack);
});
afterAll(async () => {
  await s.close();
});

const champion = (held: number) => ({
  hasPowerAndInfluence: held >= 1,
  activelySellsForUs: held >= 2,
  seesOurSuccessAsTheirs: held >= 3,
});

/**
 * The fixture, graded by hand with the default pack:
 * TA Pulse: taPulse concerning → 50.
 * Technical Health: 6.0.0 vs latest 6.2.0 = 2 behind (concerning 50), precise code intel on (100),
 *   3 defects (concerning 50; the one 91 days ago is out), 12 help (concerning 50) → 62.5.
 * Relationships: champion 2 of 3 (poor 0), access to buyer (100), last activity 20 days (concerning 50) → 50.
 * Utilization: usage score 10/42 = 0.238 (concerning 50), MAU/seats 42/100 = 0.42 (poor 0) → 25.
 * Score = 50×0.05 + 62.5×0.05 + 50×0.15 + 25×0.75 = 2.5 + 3.125 + 7.5 + 18.75 = 31.875 → 31.9, red.
 */
async function fixture(): Promise<string> {
  const id = await makeAccount(s, { seats: 100 });
  await addInstance(s, id, { version: "6.0.0", preciseCodeIntel: true, lastMonthMau: 42, dau: 10 });
  for (let i = 0; i < 3; i++) await addTicket(s, id, "defect", 10 + i);
  await addTicket(s, id, "defect", 91);
  for (let i = 0; i < 12; i++) await addTicket(s, id, "help", 5);
  await addActivity(s, id, 20);
  await addActivity(s, id, 40);
  expect((await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/taPulse`, "ta", { value: "concerning", note: "Quiet lately" })).statusCode).toBe(200);
  expect((await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/activeChampion`, "ae", { value: champion(2) })).statusCode).toBe(200);
  const last = await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/accessToBuyer`, "ce", { value: true });
  expect(last.statusCode).toBe(200);
  return id;
}

describe("S1/S2/S4 health score", () => {
  it("S1 the API score of a fixture account equals the hand computation, with every input explained", async () => {
    const id = await fixture();
    const res = await api(s, "GET", `/api/v1/accounts/${id}/health`, "support");
    expect(res.statusCode).toBe(200);
    const h = res.json();
    expect(h).toMatchObject({ score: 31.9, band: "red", missingData: false, model: "default" });
    expect(h.inputs).toEqual({
      taPulse: "concerning",
      versionsBehind: 2,
      preciseCodeIntel: true,
      defectTickets90d: 3,
      helpTickets90d: 12,
      activeChampion: champion(2),
      accessToBuyer: true,
      daysSinceLastActivity: 20,
      usageScore: 0.238,
      mauPerSeat: 0.42,
    });
    expect(h.categories.map((c: { name: string; score: number }) => [c.name, c.score])).toEqual([
      ["TA Pulse", 50],
      ["Technical Health", 62.5],
      ["Relationships & Engagement", 50],
      ["Utilization", 25],
    ]);
    expect(h.explanation).toContain("Utilization poor: Usage score concerning: 0.238 (healthy ≥ 0.3, poor ≤ 0.2); MAU/seats 0.42 < 0.5");
    expect(h.explanation[0]).toBe("Score 31.9 is red (red below 40, yellow from 40, green from 70).");
    expect(h.manual.map((m: { trait: string }) => m.trait)).toEqual(["accessToBuyer", "activeChampion", "taPulse"]);
    expect(h.manual.find((m: { trait: string }) => m.trait === "taPulse")).toMatchObject({ value: "concerning", note: "Quiet lately" });
    const row = await s.ctx.db.selectFrom("account_health").select(["score", "band", "missing_data"]).where("account_id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ score: 31.9, band: "red", missing_data: false });
  });

  it("S4 a champion trait change answers with the new score, already committed", async () => {
    const id = await fixture();
    const res = await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/activeChampion`, "ae", { value: champion(3) });
    expect(res.statusCode).toBe(200);
    // Relationships (100 + 100 + 50) / 3 = 83.33 → 2.5 + 3.125 + 12.5 + 18.75 = 36.875 → 36.9.
    expect(res.json()).toMatchObject({ score: 36.9, band: "red", cause: "trait:activeChampion" });
    const row = await s.ctx.db.selectFrom("account_health").select("score").where("account_id", "=", id).executeTakeFirstOrThrow();
    expect(row.score).toBe(36.9);
    const events = await timeline(s, id);
    expect(events.at(-1)?.summary).toBe("Active champion set to 3 of 3 criteria hold");
  });

  it("S2 manual traits: unknown trait 400, computed trait 400, bad value 400, a role without the right 403; nothing written", async () => {
    const id = await makeAccount(s);
    const unknown = await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/mood`, "ta", { value: "healthy" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.issues[0].path).toEqual(["params", "trait"]);
    const computed = await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/helpTickets90d`, "ta", { value: 3 });
    expect(computed.statusCode).toBe(400);
    expect(computed.json().error.message).toContain("is computed");
    const bad = await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/taPulse`, "ta", { value: "great" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(["body", "value"]);
    const badChampion = await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/activeChampion`, "ta", { value: { isNice: true } });
    expect(badChampion.statusCode).toBe(400);
    expect((await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/taPulse`, "support", { value: "healthy" })).statusCode).toBe(403);
    expect((await api(s, "PUT", `/api/v1/accounts/00000000-0000-4000-8000-000000000000/health/traits/taPulse`, "ta", { value: "healthy" })).statusCode).toBe(404);
    expect(await s.ctx.db.selectFrom("health_manual_traits").selectAll().where("account_id", "=", id).execute()).toEqual([]);
    expect(await timeline(s, id)).toEqual([]);
  });

  it("S1 a band change goes on the timeline with its reason; history keeps every score oldest first", async () => {
    const id = await makeAccount(s);
    // Known: the TA pulse and the ticket counts (none: healthy); the rest is missing, so
    // TA Pulse and Technical Health (5% each) share the whole weight.
    const green = await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/taPulse`, "ta", { value: "healthy" });
    expect(green.json()).toMatchObject({ score: 100, band: "green", missingData: true });
    expect(green.json().explanation.at(-1)).toContain("Rests on missing data");
    const yellow = await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/taPulse`, "ta", { value: "poor", note: "Champion left" });
    expect(yellow.json()).toMatchObject({ score: 50, band: "yellow" });
    const summaries = (await timeline(s, id)).map((e) => e.summary);
    expect(summaries).toEqual([
      "TA pulse set to Healthy",
      "Health scored green (100): TA Pulse healthy: TA pulse set to Healthy",
      "TA pulse set to Poor: Champion left",
      "Health green → yellow (50): TA Pulse poor: TA pulse set to Poor",
    ]);
    const history = await api(s, "GET", `/api/v1/accounts/${id}/health/history?days=30`, "ae");
    expect(history.statusCode).toBe(200);
    expect(history.json().items.map((i: { score: number; band: string; cause: string }) => [i.score, i.band, i.cause])).toEqual([
      [100, "green", "trait:taPulse"],
      [50, "yellow", "trait:taPulse"],
    ]);
  });

  it("S1 an account never scored is scored on first view; a recompute with nothing changed writes no history", async () => {
    const id = await makeAccount(s, { seats: 10 });
    await addInstance(s, id, { lastMonthMau: 9, dau: 3 });
    const first = await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae");
    // usage score 3/9 = 0.333 healthy, MAU/seats 0.9 healthy; everything else missing → 100.
    expect(first.json()).toMatchObject({ score: 100, band: "green", missingData: true, cause: "first view" });
    const all = await api(s, "POST", "/api/v1/health/recompute", "admin");
    expect(all.statusCode).toBe(200);
    expect(all.json().accounts).toBeGreaterThan(0);
    // The score in force is stored once (account_health); the history holds only superseded scores.
    expect(await s.ctx.db.selectFrom("health_scores").select("id").where("account_id", "=", id).execute()).toEqual([]);
    expect(await s.ctx.db.selectFrom("account_health").select(["revision", "score_cause"]).where("account_id", "=", id).executeTakeFirstOrThrow()).toEqual({
      revision: 1,
      score_cause: "first view",
    });
    expect((await api(s, "POST", "/api/v1/health/recompute", "ta")).statusCode).toBe(403);
  });

  it("S2 last activity 14 days is healthy, 15 concerning, 30 poor (the daily recompute moves it)", async () => {
    const id = await makeAccount(s, { seats: null });
    await addActivity(s, id, 14);
    const day14 = await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae");
    expect(day14.json().inputs.daysSinceLastActivity).toBe(14);
    expect(day14.json()).toMatchObject({ score: 100, band: "green" });
    await advanceDays(s, 1);
    const day15 = (await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae")).json();
    // No tickets (Technical Health 100 × 5%) and the activity (50 × 15%), re-weighted over 20%.
    expect(day15).toMatchObject({ score: 62.5, band: "yellow", cause: "daily" });
    expect(day15.inputs.daysSinceLastActivity).toBe(15);
    await advanceDays(s, 15);
    const day30 = (await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae")).json();
    expect(day30).toMatchObject({ score: 25, band: "red" });
    expect(day30.inputs.daysSinceLastActivity).toBe(30);
  });

  it("S1 the full recompute scores exactly as the on-change path, and writes only what moved", async () => {
    const a = await fixture();
    const b = await makeAccount(s, { seats: 20 });
    // 5.9.0 is 5 releases behind 6.2.0 (5.10, 5.11, 6.0, 6.1, 6.2): the least upgraded instance counts.
    await addInstance(s, b, { version: "5.9.0", preciseCodeIntel: false, lastMonthMau: 19, dau: 2 });
    await addInstance(s, b, { version: "6.2.0", lastMonthMau: 1, dau: 0 });
    await addActivity(s, b, 3);
    // Pings and event counts on the same days: a day counts the larger of the two (28 × 2, plus 3
    // on each of 3 days the ping says 5, plus 0 where it says 1), and an instance known by pings only.
    const c = await makeAccount(s, { seats: 40 });
    const both = await addInstance(s, c, { lastMonthMau: 10, dau: 2 });
    const pingsOnly = await addInstance(s, c, {});
    const today = dayOf(s.ctx.clock.now());
    const ping = (instance: string, daysAgo: number, dau: number) =>
      s.ctx.db
        .insertInto("usage_pings")
        .values({ instance_id: instance, day: addDays(today, -daysAgo), received_at: s.ctx.clock.now(), total_users: 50, dau, wau: dau, mau: 0, code_hosts: 1, repositories: 1, version: null, precise_code_intel: false, features: "[]" })
        .execute();
    for (const d of [1, 5, 9]) await ping(both, d, 5);
    await ping(both, 12, 1);
    await ping(both, 40, 30); // outside the 28 days
    for (const d of [2, 3]) await ping(pingsOnly, d, 7);
    // Inputs written behind the on-change path's back (as a bulk import might): only a full recompute sees them.
    for (let i = 0; i < 4; i++) await addTicket(s, a, "defect", 1);
    await addTicket(s, b, "help", 2);
    const res = await api(s, "POST", "/api/v1/health/recompute", "admin");
    expect(res.statusCode).toBe(200);
    expect(res.json().changed).toBeGreaterThanOrEqual(2);
    const health = (await api(s, "GET", `/api/v1/accounts/${a}/health`, "ae")).json();
    expect(health).toMatchObject({ cause: "recompute" });
    expect(health.inputs.defectTickets90d).toBe(7);
    const hb = (await api(s, "GET", `/api/v1/accounts/${b}/health`, "ae")).json();
    expect(hb.inputs).toMatchObject({ versionsBehind: 5, preciseCodeIntel: false, helpTickets90d: 1, mauPerSeat: 1, usageScore: 0.1, daysSinceLastActivity: 3 });
    expect((await timeline(s, b)).map((e) => e.summary)).toEqual([`Health scored ${hb.band} (${hb.score}): ${hb.explanation.find((l: string) => l.startsWith("Utilization"))}`]);
    // (56 + 9 + 14) / 28 = 2.82 DAU over 10 MAU.
    expect((await api(s, "GET", `/api/v1/accounts/${c}/health`, "ae")).json().inputs.usageScore).toBe(0.282);
    // The on-change path finds nothing to change for any account: both computed the same.
    const ids = (await s.ctx.db.selectFrom("accounts").select("id").where("archived_at", "is", null).execute()).map((r) => r.id);
    const again = await s.ctx.db.transaction().execute(async (trx) => {
      const changed: string[] = [];
      for (const id of ids) if ((await recomputeAccountHealth(trx, s.ctx, id, systemActor("test"), "check"))?.changed) changed.push(id);
      return changed;
    });
    expect(again).toEqual([]);
    expect((await api(s, "POST", "/api/v1/health/recompute", "admin")).json().changed).toBe(0);
  });
  it("S1 trait drift within its grade rewrites the current inputs, not the score in force or its history", async () => {
    const id = await makeAccount(s, { seats: 10 });
    await addInstance(s, id, { lastMonthMau: 9, dau: 3 });
    await addActivity(s, id, 2);
    const first = (await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae")).json();
    expect(first.inputs.daysSinceLastActivity).toBe(2);
    const scored = await s.ctx.db.selectFrom("account_health").select(["at", "score", "revision"]).where("account_id", "=", id).executeTakeFirstOrThrow();
    await advanceDays(s, 1);
    const after = (await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae")).json();
    // 3 days is as healthy as 2: same score, the explanation shows today's value.
    expect(after).toMatchObject({ score: first.score, band: first.band, cause: "daily" });
    expect(after.inputs.daysSinceLastActivity).toBe(3);
    expect(after.explanation.join(" ")).toContain("Days since last activity 3 ≤ 14");
    expect(new Date(after.computedAt).getTime()).toBeGreaterThan(new Date(first.computedAt).getTime());
    expect(after.scoreSince).toBe(first.scoreSince);
    // The history is the score's: nothing superseded; the score in force keeps what set it.
    expect(await s.ctx.db.selectFrom("health_scores").select("id").where("account_id", "=", id).execute()).toEqual([]);
    expect(await s.ctx.db.selectFrom("account_health").select(["pack_version", "score_cause"]).where("account_id", "=", id).executeTakeFirstOrThrow()).toEqual({
      pack_version: sparsePack.version,
      score_cause: first.cause,
    });
    // In force since it was first scored; rewritten once (the new inputs).
    expect(await s.ctx.db.selectFrom("account_health").select(["at", "score", "revision"]).where("account_id", "=", id).executeTakeFirstOrThrow()).toEqual({
      ...scored,
      revision: scored.revision + 1,
    });
    expect((await timeline(s, id)).filter((e) => e.action === "account.health_band_changed")).toHaveLength(1);
  });
  it("S1 a superseded score goes to the history with what it was last computed from, on the on-change and the full path", async () => {
    const id = await makeAccount(s, { seats: 10 });
    await addInstance(s, id, { lastMonthMau: 9, dau: 3 });
    await addActivity(s, id, 2);
    const first = (await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae")).json();
    await advanceDays(s, 1); // the daily recompute: a drift (3 days since the last activity), same score
    const pulse = (await api(s, "PUT", `/api/v1/accounts/${id}/health/traits/taPulse`, "ta", { value: "poor" })).json();
    expect(pulse.score).not.toBe(first.score);
    // Written behind the on-change path's back: the full recompute moves the score.
    for (let i = 0; i < 15; i++) await addTicket(s, id, "help", 1);
    expect((await api(s, "POST", "/api/v1/health/recompute", "admin")).statusCode).toBe(200);
    const now = (await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae")).json();
    expect(now.score).not.toBe(pulse.score);

    const history = await s.ctx.db
      .selectFrom("health_scores")
      .select(["at", "score", "cause", "pack_version", "inputs"])
      .where("account_id", "=", id)
      .orderBy("id")
      .execute();
    expect(history.map((h) => ({ ...h, at: new Date(h.at).toISOString(), days: (h.inputs as { traits: { daysSinceLastActivity: number } }).traits.daysSinceLastActivity, inputs: undefined }))).toEqual([
      // Set on first view; last computed by the daily recompute (3 days), superseded by the trait.
      { at: first.scoreSince, score: first.score, cause: "first view", pack_version: sparsePack.version, days: 3, inputs: undefined },
      { at: pulse.scoreSince, score: pulse.score, cause: "trait:taPulse", pack_version: sparsePack.version, days: 3, inputs: undefined },
    ]);
    const items = (await api(s, "GET", `/api/v1/accounts/${id}/health/history?days=30`, "ae")).json().items;
    expect(items.map((i: { at: string; score: number; cause: string }) => [i.at, i.score, i.cause])).toEqual([
      [first.scoreSince, first.score, "first view"],
      [pulse.scoreSince, pulse.score, "trait:taPulse"],
      [now.scoreSince, now.score, "recompute"],
    ]);
  });

  it("S1 not enough data: with the default pack an account known only by its ticket counts is unscored, not green", async () => {
    s.ctx.packs.useOnly(validatePack(defaultPack, "default"));
    try {
      const id = await makeAccount(s, { seats: null });
      await addTicket(s, id, "help", 3);
      const sparse = (await api(s, "GET", `/api/v1/accounts/${id}/health`, "ae")).json();
      expect(sparse).toMatchObject({ score: null, band: null, missingData: true });
      expect(sparse.explanation[0]).toBe("No score: not enough data. The known inputs carry 5% of the model's weight; 50% is needed.");
      // Utilization known (75% of the weight): scored.
      const seated = await makeAccount(s, { seats: 10 });
      await addInstance(s, seated, { lastMonthMau: 9, dau: 3 });
      expect((await api(s, "GET", `/api/v1/accounts/${seated}/health`, "ae")).json()).toMatchObject({ score: 100, band: "green" });
    } finally {
      s.ctx.packs.useOnly(sparsePack);
    }
  });
});
