import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RenewalDetail, RenewalListItem } from "../../src/domains/renewals/renewal-view.js";
import { advance, bookWorld, cyclesOf, daysFromToday, docsOf, eventsOf, mailAbout, makeCustomer, must, tasksOf, type BookWorld } from "./renewal-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

// Moving the simulated clock runs every rule of every day: generous on a loaded machine.
describe("R1 renewal cycle", { timeout: 300_000 }, () => {
  it("R1 opens the cycle 120 days before renewal with the Health Assessment doc and the TA's task, once", async () => {
    const a = await makeCustomer(w, { renewsIn: 125, arr: 240_000 });
    await advance(w, 4); // 121 days before
    expect(await cyclesOf(w, a.id)).toHaveLength(0);

    await advance(w, 1); // 120 days before
    const cycles = await cyclesOf(w, a.id);
    expect(cycles).toHaveLength(1);
    const cycle = cycles[0];
    expect(cycle).toMatchObject({ status: "open", renewal_date: daysFromToday(w, 120), arr_at_open: 240_000, rating: null });

    const docs = (await docsOf(w, a.id)).filter((d) => d.template === "healthAssessment");
    expect(docs).toHaveLength(1);
    expect(docs[0]?.id).toBe(cycle?.assessment_doc_id);
    expect(docs[0]?.title).toBe(`Health Assessment: ${a.name} (renewal ${daysFromToday(w, 120)})`);
    expect(docs[0]?.body).toContain("TA: Tina TA. AE: Alan AE.");
    expect(docs[0]?.body).toContain("ARR: $240,000");
    // The health as it stands, from its current row: an account known only by its ticket counts has no score yet (S1).
    expect(docs[0]?.body).toContain("Score: not set (not set). No score: not enough data.");

    const tasks = (await tasksOf(w, a.id)).filter((t) => t.source === "R1.open-cycle");
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ id: cycle?.assessment_task_id, title: `Health Assessment: ${a.name}`, assignee_user_id: w.ta.id, team: null, due_on: daysFromToday(w, 21) });
    expect(tasks[0]?.description).toContain("Alan AE (AE)");

    const mail = mailAbout(w, w.ta.email, `Renewal in 120 days: Health Assessment for ${a.name}`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.envelopeTo.sort()).toEqual([w.ae.email, w.ta.email].sort());
    expect(mail[0]?.text).toContain(`/docs/${cycle?.assessment_doc_id}`);
    expect(mail[0]?.text).toContain(`/renewals/${cycle?.id}`);
    expect((await eventsOf(w, a.id, "renewal.")).map((e) => e.kind)).toEqual(["renewal.opened"]);

    await advance(w, 3);
    expect(await cyclesOf(w, a.id)).toHaveLength(1);
    expect((await tasksOf(w, a.id)).filter((t) => t.source === "R1.open-cycle")).toHaveLength(1);
    expect(mailAbout(w, w.ta.email, `Health Assessment for ${a.name}`)).toHaveLength(1);

    const detail = await must<RenewalDetail>(w, "GET", `/api/v1/renewals/${cycle?.id}`, "ae");
    expect(detail).toMatchObject({
      id: cycle?.id,
      account: { id: a.id, name: a.name, segment: "Enterprise", taUser: { id: w.ta.id, name: w.ta.name }, aeUser: { id: w.ae.id, name: w.ae.name } },
      renewalDate: daysFromToday(w, 117),
      daysToRenewal: 117,
      status: "open",
      arrAtOpen: 240_000,
      currentArr: 240_000,
      expectedArr: 240_000,
      arrAtRisk: 0,
      rating: null,
      lighthouse: null,
      assessmentDocId: cycle?.assessment_doc_id,
      assessmentTaskId: cycle?.assessment_task_id,
      outcomeLabels: { full_churn: "Full churn", partial_churn: "Partial churn", flat: "Flat", incremental: "Incremental" },
    });
    expect(detail.timeline.map((e) => e.actorLabel)).toEqual(["rule R1.open-cycle"]);
    const list = await must<{ items: RenewalListItem[]; total: number }>(w, "GET", `/api/v1/accounts/${a.id}/renewals`, "ce");
    expect(list.items.map((i) => i.id)).toEqual([cycle?.id]);
  });

  it("R1 catches up on a renewal already inside the window, and without a TA the TA team gets the task", async () => {
    const a = await makeCustomer(w, { renewsIn: 30, taUserId: null });
    await advance(w, 0.01);
    const cycles = await cyclesOf(w, a.id);
    expect(cycles).toHaveLength(1);
    const task = (await tasksOf(w, a.id)).find((t) => t.source === "R1.open-cycle");
    expect(task).toMatchObject({ assignee_user_id: null, team: "ta" });
    // Every active TA hears about it.
    expect(mailAbout(w, w.ta.email, `Health Assessment for ${a.name}`)).toHaveLength(1);
    expect(mailAbout(w, w.ta2.email, `Health Assessment for ${a.name}`)).toHaveLength(1);
  });

  it("R1 no cycle for prospects, attrited customers, accounts outside the book or without a renewal date", async () => {
    const pack = w.server.ctx.packs.current();
    const prospect = await makeCustomer(w, { renewsIn: 60, accountType: pack.accounts.types.prospect });
    const attrited = await makeCustomer(w, { renewsIn: 60, accountType: pack.accounts.types.attrited });
    const outside = await makeCustomer(w, { renewsIn: 60, inBook: false });
    const noDate = await makeCustomer(w, { contractEnd: null });
    await advance(w, 1);
    for (const a of [prospect, attrited, outside, noDate]) expect(await cyclesOf(w, a.id)).toHaveLength(0);
  });

  it("R1 a renewal date moved later before the cycle opened opens it for the new date only", async () => {
    const a = await makeCustomer(w, { renewsIn: 122 });
    await w.server.ctx.db.updateTable("accounts").set({ contract_end: daysFromToday(w, 140) }).where("id", "=", a.id).execute();
    await advance(w, 3);
    expect(await cyclesOf(w, a.id)).toHaveLength(0);
    await advance(w, 18);
    expect((await cyclesOf(w, a.id)).map((c) => c.renewal_date)).toEqual([daysFromToday(w, 119)]);
  });
});
