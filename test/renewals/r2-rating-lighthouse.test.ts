import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LighthouseDetail, LighthouseItem } from "../../src/domains/renewals/lighthouse-view.js";
import type { RenewalDetail } from "../../src/domains/renewals/renewal-view.js";
import { advance, bookWorld, eventsOf, mailAbout, must, openRenewal, tokenLabel, programsOf, tasksOf, type BookWorld } from "./renewal-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

// Moving the simulated clock runs every rule of every day: generous on a loaded machine.
describe("R2 rating and Lighthouse", { timeout: 300_000 }, () => {
  it("R2 a yellow or red rating enters Lighthouse; green is monitored", async () => {
    const green = await openRenewal(w);
    const rated = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${green.renewalId}/rating`, "ta", { rating: "green" });
    expect(rated).toMatchObject({ rating: "green", ratingNote: null, ratedBy: tokenLabel("ta"), reviewDecision: null, lighthouse: null, arrAtRisk: 0 });
    expect(await programsOf(w, green.id)).toHaveLength(0);

    const red = await openRenewal(w, { arr: 300_000 });
    const redRated = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${red.renewalId}/rating`, "ta", { rating: "red", note: "Champion left, usage halved" });
    const programs = await programsOf(w, red.id);
    expect(programs).toHaveLength(1);
    expect(programs[0]).toMatchObject({ status: "active", renewal_cycle_id: red.renewalId, entry_reason: "Renewal rated red: Champion left, usage halved" });
    expect(redRated).toMatchObject({ rating: "red", ratingNote: "Champion left, usage halved", lighthouse: { id: programs[0]?.id, status: "active" }, arrAtRisk: 300_000, expectedArr: 300_000 });
    await w.worker.drain();
    expect(mailAbout(w, w.ae.email, `${red.name} entered Lighthouse`)).toHaveLength(1);
    expect(mailAbout(w, w.ta.email, `${red.name} entered Lighthouse`)).toHaveLength(1);
    expect(mailAbout(w, w.leadership.email, `Review the renewal rating of ${red.name}: red`)).toHaveLength(1);
    expect((await eventsOf(w, red.id, "lighthouse.")).map((e) => e.summary)).toEqual(["Entered the Lighthouse save program: Renewal rated red: Champion left, usage halved"]);

    // Rating yellow afterwards keeps the one active program.
    const yellow = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${red.renewalId}/rating`, "ae", { rating: "yellow", note: "New champion found" });
    expect(yellow.lighthouse?.id).toBe(programs[0]?.id);
    expect(await programsOf(w, red.id)).toHaveLength(1);
  });

  it("R2 managers review the rating; rating again resets the review; review before a rating is 409 renewal_not_rated", async () => {
    const a = await openRenewal(w);
    const early = await w.server.app.inject({
      method: "POST",
      url: `/api/v1/renewals/${a.renewalId}/review`,
      headers: { authorization: `Bearer ${await w.server.tokenFor("leadership")}` },
      payload: { decision: "approved" },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("renewal_not_rated");

    await must(w, "PUT", `/api/v1/renewals/${a.renewalId}/rating`, "ta", { rating: "green" });
    const reviewed = await must<RenewalDetail>(w, "POST", `/api/v1/renewals/${a.renewalId}/review`, "leadership", { decision: "changes_requested", note: "Check the seat usage" });
    expect(reviewed).toMatchObject({ reviewDecision: "changes_requested", reviewNote: "Check the seat usage", reviewedBy: tokenLabel("leadership") });
    const again = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${a.renewalId}/rating`, "ta", { rating: "green", note: "Seats are used" });
    expect(again).toMatchObject({ reviewDecision: null, reviewNote: null, reviewedBy: null, reviewedAt: null });
    const approved = await must<RenewalDetail>(w, "POST", `/api/v1/renewals/${a.renewalId}/review`, "admin", { decision: "approved" });
    expect(approved.reviewDecision).toBe("approved");
    expect(approved.timeline.map((e) => e.summary)[0]).toContain("Rating green approved");
    expect(approved.timeline).toHaveLength(5); // opened, rated, reviewed, rated, reviewed
  });

  it("R3 weekly check-ins in Lighthouse: an update task for the AE, completed by posting the update; leadership exits when the success criteria are met", async () => {
    const a = await openRenewal(w);
    const program = (await must<{ items: LighthouseItem[] }>(w, "GET", "/api/v1/lighthouse", "ce")).items;
    const entered = await must<LighthouseDetail>(w, "POST", `/api/v1/accounts/${a.id}/lighthouse`, "leadership", { reason: "Budget cut announced" }, 201);
    expect(entered).toMatchObject({ status: "active", entryReason: "Budget cut announced", renewalId: null, execSponsor: null, updatesCount: 0, weeksIn: 0, updates: [] });
    expect((await must<{ items: LighthouseItem[] }>(w, "GET", "/api/v1/lighthouse", "ce")).items).toHaveLength(program.length + 1);

    const patched = await must<LighthouseDetail>(w, "PATCH", `/api/v1/lighthouse/${entered.id}`, "ae", {
      savePlan: "Exec alignment, training",
      successCriteria: "MAU back above 80",
      execSponsorUserId: w.leadership.id,
    });
    expect(patched).toMatchObject({ savePlan: "Exec alignment, training", successCriteria: "MAU back above 80", execSponsor: { id: w.leadership.id, name: w.leadership.name } });

    await advance(w, 6);
    expect((await tasksOf(w, a.id)).filter((t) => t.source === "R3.lighthouse-weekly")).toHaveLength(0);
    await advance(w, 1);
    let weekly = (await tasksOf(w, a.id)).filter((t) => t.source === "R3.lighthouse-weekly");
    expect(weekly).toHaveLength(1);
    expect(weekly[0]).toMatchObject({ title: `Lighthouse weekly update: ${a.name}`, assignee_user_id: w.ae.id, status: "todo" });

    const update = await must<{ id: string; authorLabel: string; body: string }>(w, "POST", `/api/v1/lighthouse/${entered.id}/updates`, "ae", { body: "Training booked for next week" }, 201);
    expect(update).toMatchObject({ authorLabel: tokenLabel("ae"), body: "Training booked for next week" });
    weekly = (await tasksOf(w, a.id)).filter((t) => t.source === "R3.lighthouse-weekly");
    expect(weekly[0]?.status).toBe("completed");

    await advance(w, 7);
    weekly = (await tasksOf(w, a.id)).filter((t) => t.source === "R3.lighthouse-weekly");
    expect(weekly.map((t) => t.status).sort()).toEqual(["completed", "todo"]);

    const detail = await must<LighthouseDetail>(w, "GET", `/api/v1/lighthouse/${entered.id}`, "ce");
    expect(detail).toMatchObject({ updatesCount: 1, weeksIn: 2, lastUpdateAt: expect.any(String) });
    expect(detail.updates.map((u) => u.body)).toEqual(["Training booked for next week"]);

    const ae = await w.server.app.inject({ method: "POST", url: `/api/v1/lighthouse/${entered.id}/exit`, headers: { authorization: `Bearer ${await w.server.tokenFor("ae")}` }, payload: { note: "done" } });
    expect(ae.statusCode).toBe(403);
    const exited = await must<LighthouseDetail>(w, "POST", `/api/v1/lighthouse/${entered.id}/exit`, "leadership", { note: "MAU at 92 for three weeks" });
    expect(exited).toMatchObject({ status: "exited", exitNote: "MAU at 92 for three weeks", exitedBy: tokenLabel("leadership") });
    await advance(w, 7);
    expect((await tasksOf(w, a.id)).filter((t) => t.source === "R3.lighthouse-weekly")).toHaveLength(2);
  });
});
