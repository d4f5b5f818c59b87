import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RenewalForecast } from "../../src/domains/renewals/forecast.js";
import { quarterOf } from "../../src/domains/renewals/quarters.js";
import type { RenewalListItem } from "../../src/domains/renewals/renewal-view.js";
import { advance, bookWorld, daysFromToday, makeCustomer, must, openRenewal, today, type BookWorld } from "./renewal-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

const forecast = () => must<RenewalForecast>(w, "GET", "/api/v1/renewals/forecast?quarters=4", "leadership");

// Moving the simulated clock runs every rule of every day: generous on a loaded machine.
describe("R4 forecast", { timeout: 300_000 }, () => {
  it("R4 forecast by quarter counts open cycles and not-yet-opened renewals, with ARR up, at risk and expected; last week comes from Monday's snapshot", async () => {
    // The world starts on Monday 2026-01-05: Q1 runs to 2026-03-31 (85 days), Q2 to 2026-06-30.
    expect(today(w)).toBe("2026-01-05");
    const q1 = quarterOf(today(w));
    const red = await openRenewal(w, { renewsIn: 40, arr: 100_000 });
    const partial = await openRenewal(w, { renewsIn: 50, arr: 200_000 });
    const green = await openRenewal(w, { renewsIn: 60, arr: 50_000 });
    await makeCustomer(w, { renewsIn: 150, arr: 80_000 }); // Q2, cycle not open yet
    await must(w, "PUT", `/api/v1/renewals/${red.renewalId}/rating`, "ta", { rating: "red", note: "Usage gone" });
    await must(w, "PUT", `/api/v1/renewals/${partial.renewalId}/rating`, "ta", { rating: "yellow", note: "Budget" });
    await must(w, "PUT", `/api/v1/renewals/${partial.renewalId}/projection`, "ae", { outcome: "partial_churn", projectedArr: 120_000 });
    await must(w, "PUT", `/api/v1/renewals/${green.renewalId}/rating`, "ta", { rating: "green" });

    const f = await forecast();
    expect(f.quarters.map((q) => q.quarter)).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(f.quarters[0]).toEqual({
      quarter: q1,
      renewals: 3,
      arrUp: 350_000,
      arrAtRisk: 100_000 + 80_000,
      expectedArr: 100_000 + 120_000 + 50_000,
      byRating: { green: 1, yellow: 1, red: 1, unrated: 0 },
      byOutcome: { full_churn: 0, partial_churn: 1, flat: 0, incremental: 0, none: 2 },
      lastWeek: null,
    });
    expect(f.quarters[1]).toMatchObject({ renewals: 1, arrUp: 80_000, arrAtRisk: 0, expectedArr: 80_000, byRating: { unrated: 1 } });
    const changes = f.changesThisWeek.filter((c) => c.account.id === partial.id).map((c) => c.summary);
    expect(changes[0]).toBe(`Projected Partial churn at $120,000 (renewal ${daysFromToday(w, 50)})`);
    expect(changes).toHaveLength(3); // opened, rated, projected

    const inQ1 = await must<{ items: RenewalListItem[]; total: number }>(w, "GET", `/api/v1/renewals?quarter=${q1}`, "ce");
    expect(inQ1.items.map((i) => i.account.id)).toEqual([red.id, partial.id, green.id]);
    expect(inQ1.total).toBe(3);
    const reds = await must<{ items: RenewalListItem[] }>(w, "GET", `/api/v1/renewals?quarter=${q1}&rating=red`, "ce");
    expect(reds.items.map((i) => i.id)).toEqual([red.renewalId]);
    const page = await must<{ items: RenewalListItem[]; total: number }>(w, "GET", `/api/v1/renewals?quarter=${q1}&limit=1&offset=1`, "ce");
    expect(page).toMatchObject({ total: 3, items: [{ id: partial.renewalId }] });
    expect((await must<{ items: RenewalListItem[] }>(w, "GET", `/api/v1/renewals?ownerUserId=${w.ta2.id}`, "ce")).items).toHaveLength(0);

    // Monday 2026-01-12 stores the snapshot; the week after, it is "last week".
    await advance(w, 7);
    const snapshots = await w.server.ctx.db.selectFrom("renewal_forecast_snapshots").selectAll().where("quarter", "=", q1).execute();
    expect(snapshots.map((s) => s.week)).toEqual(["2026-01-12"]);
    await must(w, "PUT", `/api/v1/renewals/${green.renewalId}/projection`, "ae", { outcome: "incremental", projectedArr: 70_000 });
    await advance(w, 7);
    const next = await forecast();
    expect(next.quarters[0]?.lastWeek).toEqual({ renewals: 3, arrUp: 350_000, arrAtRisk: 180_000, expectedArr: 270_000 });
    expect(next.quarters[0]?.expectedArr).toBe(290_000);
    expect(next.changesThisWeek.filter((c) => c.account.id === green.id)).toHaveLength(0); // the projection was 7 days ago
    await advance(w, 0.01);
    expect((await w.server.ctx.db.selectFrom("renewal_forecast_snapshots").select("week").where("quarter", "=", q1).orderBy("week").execute()).map((s) => s.week)).toEqual([
      "2026-01-12",
      "2026-01-19",
    ]);
  });
});
