import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RenewalForecast } from "../../src/domains/renewals/forecast.js";
import type { LighthouseDetail } from "../../src/domains/renewals/lighthouse-view.js";
import type { RenewalDetail, RenewalListItem } from "../../src/domains/renewals/renewal-view.js";
import { accountRow, advance, bookWorld, cyclesOf, daysFromToday, mailAbout, makeCustomer, must, tasksOf, today, type BookWorld } from "./renewal-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

describe("R1–R5 the whole renewal on a moved clock", () => {
  it(
    "R1–R5 open at 120 days, rate yellow into Lighthouse, review, weekly check-ins, project, process at the renewal date, and open the next cycle from the new dates",
    async () => {
      const a = await makeCustomer(w, { renewsIn: 121, arr: 400_000, seats: 200 });
      const renewalDate = daysFromToday(w, 121);
      expect((await must<{ items: RenewalListItem[] }>(w, "GET", "/api/v1/renewals", "ce")).items.filter((i) => i.account.id === a.id)).toHaveLength(0);
      // Before its cycle opens the renewal already counts in its quarter's forecast, unrated.
      const early = await must<RenewalForecast>(w, "GET", "/api/v1/renewals/forecast?quarters=3", "leadership");
      expect(early.quarters.find((q) => q.quarter === "2026-Q2")).toMatchObject({ renewals: 1, arrUp: 400_000, byRating: { unrated: 1 } });

      // R1: 120 days before.
      await advance(w, 1);
      const [opened] = (await must<{ items: RenewalListItem[] }>(w, "GET", "/api/v1/renewals?quarter=2026-Q2", "ce")).items.filter((i) => i.account.id === a.id);
      expect(opened).toMatchObject({ renewalDate, daysToRenewal: 120, quarter: "2026-Q2", status: "open", rating: null });
      const renewalId = opened?.id ?? "";

      // The TA completes the assessment in two weeks and rates yellow: Lighthouse (R2); leadership approves.
      await advance(w, 14);
      const rated = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${renewalId}/rating`, "ta", { rating: "yellow", note: "Adoption flat in two teams" });
      expect(rated.lighthouse?.status).toBe("active");
      await must(w, "POST", `/api/v1/renewals/${renewalId}/review`, "leadership", { decision: "approved" });
      const programId = rated.lighthouse?.id ?? "";
      await must<LighthouseDetail>(w, "PATCH", `/api/v1/lighthouse/${programId}`, "ae", { savePlan: "Enablement for both teams", successCriteria: "Both teams weekly active" });

      // R3: weekly check-ins while in Lighthouse; the AE projects partial churn.
      await advance(w, 7);
      await must(w, "POST", `/api/v1/lighthouse/${programId}/updates`, "ae", { body: "Enablement session 1 done" }, 201);
      await advance(w, 7);
      const weekly = (await tasksOf(w, a.id)).filter((t) => t.source === "R3.lighthouse-weekly");
      expect(weekly.map((t) => t.status)).toEqual(["completed", "todo"]);
      const projected = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${renewalId}/projection`, "ae", { outcome: "partial_churn", projectedArr: 300_000 });
      expect(projected).toMatchObject({ expectedArr: 300_000, arrAtRisk: 100_000 });

      // Things improve: leadership exits Lighthouse; the AE now projects flat.
      await must(w, "POST", `/api/v1/lighthouse/${programId}/exit`, "leadership", { note: "Both teams active three weeks running" });
      await must(w, "PUT", `/api/v1/renewals/${renewalId}/projection`, "ae", { outcome: "flat" });

      // R5 at the renewal date: renewed flat for five months (a co-term extension).
      await advance(w, daysBetweenToday(renewalDate));
      expect(today(w)).toBe(renewalDate);
      const nextStart = daysFromToday(w, 1);
      const nextEnd = daysFromToday(w, 150);
      const processed = await must<RenewalDetail>(w, "POST", `/api/v1/renewals/${renewalId}/process`, "ae", { outcome: "flat", renewedArr: 400_000, contractStart: nextStart, contractEnd: nextEnd });
      expect(processed).toMatchObject({ status: "processed", outcome: "flat", renewedArr: 400_000, nextContractEnd: nextEnd });
      expect(processed.timeline.map((e) => e.summary.split(" ")[0])).toEqual(["Renewal", "Projected", "Projected", "Rating", "Renewal", "Renewal"]);
      expect(await accountRow(w, a.id)).toMatchObject({ arr: 400_000, contract_start: nextStart, contract_end: nextEnd });
      expect((await cyclesOf(w, a.id)).map((c) => c.status)).toEqual(["processed"]);
      expect(mailAbout(w, w.ae.email, `Churn retro needed: ${a.name}`)).toHaveLength(0);

      // The next cycle opens 120 days before the new renewal date (R1 again).
      await advance(w, 29);
      expect(await cyclesOf(w, a.id)).toHaveLength(1);
      await advance(w, 1);
      const cycles = await cyclesOf(w, a.id);
      expect(cycles.map((c) => [c.renewal_date, c.status])).toEqual([
        [renewalDate, "processed"],
        [nextEnd, "open"],
      ]);
      expect(mailAbout(w, w.ta.email, `Renewal in 120 days: Health Assessment for ${a.name}`)).toHaveLength(2);
    },
    600_000,
  );
});

function daysBetweenToday(day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today(w)}T00:00:00Z`)) / 86_400_000);
}
