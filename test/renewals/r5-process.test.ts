import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LighthouseDetail } from "../../src/domains/renewals/lighthouse-view.js";
import type { RenewalDetail } from "../../src/domains/renewals/renewal-view.js";
import {
  accountRow,
  advance,
  api,
  bookWorld,
  counts,
  cyclesOf,
  daysFromToday,
  docsOf,
  eventsOf,
  mailAbout,
  makeCustomer,
  must,
  openRenewal,
  tasksOf,
  tokenLabel,
  type BookWorld,
} from "./renewal-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

const process = (id: string, body: Record<string, unknown>, role: "ae" | "sales_ops" | "admin" | "ta" = "ae") => api(w, "POST", `/api/v1/renewals/${id}/process`, role, body);

// Moving the simulated clock runs every rule of every day: generous on a loaded machine.
describe("R5 processing", { timeout: 300_000 }, () => {
  it("R5 processing closes the cycle and starts the next from the new contract dates", async () => {
    const a = await openRenewal(w, { renewsIn: 90, arr: 200_000, seats: 100 });
    const renewalDate = daysFromToday(w, 90);
    const start = daysFromToday(w, 91);
    const end = daysFromToday(w, 130);
    const done = await must<RenewalDetail>(w, "POST", `/api/v1/renewals/${a.renewalId}/process`, "sales_ops", {
      outcome: "incremental",
      renewedArr: 260_000,
      contractStart: start,
      contractEnd: end,
      seats: 130,
      note: "Signed early",
    });
    expect(done).toMatchObject({
      status: "processed",
      outcome: "incremental",
      renewedArr: 260_000,
      nextContractStart: start,
      nextContractEnd: end,
      processNote: "Signed early",
      processedBy: tokenLabel("sales_ops"),
      currentArr: 200_000,
      expectedArr: 260_000,
      arrAtRisk: 0,
    });
    const account = await accountRow(w, a.id);
    expect(account).toMatchObject({ arr: 260_000, seats: 130, contract_start: start, contract_end: end, account_type: w.server.ctx.packs.current().accounts.types.customer });
    expect(account.in_book_at).not.toBeNull();
    expect((await eventsOf(w, a.id, "account.updated")).at(-1)?.summary).toContain("ARR");

    // 130 days out: the next cycle opens 10 days later, from the new contract end.
    await advance(w, 9);
    expect((await cyclesOf(w, a.id)).map((c) => c.renewal_date)).toEqual([renewalDate]);
    await advance(w, 1);
    const cycles = await cyclesOf(w, a.id);
    expect(cycles.map((c) => [c.renewal_date, c.status])).toEqual([
      [renewalDate, "processed"],
      [end, "open"],
    ]);
    expect(cycles[1]?.arr_at_open).toBe(260_000);
    const listed = await must<{ items: { renewalDate: string; status: string }[] }>(w, "GET", `/api/v1/accounts/${a.id}/renewals`, "ce");
    expect(listed.items.map((i) => i.renewalDate)).toEqual([end, renewalDate]);

    // Processed is final.
    const again = await process(a.renewalId, { outcome: "flat", contractStart: start, contractEnd: end });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("renewal_processed");
    const rate = await api(w, "PUT", `/api/v1/renewals/${a.renewalId}/rating`, "ta", { rating: "green" });
    expect(rate.json().error.code).toBe("renewal_processed");
  });

  it("R5 a new renewal date already within 120 days opens the next cycle at once", async () => {
    const a = await openRenewal(w, { renewsIn: 30, arr: 100_000 });
    const end = daysFromToday(w, 110);
    await must(w, "POST", `/api/v1/renewals/${a.renewalId}/process`, "ae", { outcome: "flat", contractStart: daysFromToday(w, 31), contractEnd: end });
    const cycles = await cyclesOf(w, a.id);
    expect(cycles.map((c) => [c.renewal_date, c.status])).toEqual([
      [daysFromToday(w, 30), "processed"],
      [end, "open"],
    ]);
    expect((await tasksOf(w, a.id)).filter((t) => t.source === "R1.open-cycle")).toHaveLength(2);
    await advance(w, 1);
    expect(await cyclesOf(w, a.id)).toHaveLength(2);
  });

  it("R5 full churn makes the account attrited (C2, leaves the book) with ARR 0; a churn retro over $150k (X)", async () => {
    const a = await openRenewal(w, { renewsIn: 20, arr: 180_000 });
    await must(w, "PUT", `/api/v1/renewals/${a.renewalId}/rating`, "ta", { rating: "red", note: "Moving to a competitor" });
    const done = await must<RenewalDetail>(w, "POST", `/api/v1/renewals/${a.renewalId}/process`, "ae", { outcome: "full_churn", note: "Chose a competitor" });
    expect(done).toMatchObject({ status: "processed", outcome: "full_churn", renewedArr: 0, nextContractStart: null, nextContractEnd: null, arrAtRisk: 0, expectedArr: 0 });
    const account = await accountRow(w, a.id);
    expect(account).toMatchObject({ arr: 0, account_type: w.server.ctx.packs.current().accounts.types.attrited, in_book_at: null, stage: null });
    expect((await eventsOf(w, a.id, "account.left_book"))).toHaveLength(1);

    const retro = (await docsOf(w, a.id)).filter((d) => d.template === "churnRetro");
    expect(retro).toHaveLength(1);
    expect(retro[0]?.body).toContain("Outcome: Full churn. ARR before: $180,000. ARR after: $0.");
    // The churn's post-mortem (C5) is the retro: one doc, the AE's one task.
    const task = (await tasksOf(w, a.id)).filter((t) => t.source === "R5.process" || t.source === "C5.post-mortem");
    expect(task).toHaveLength(1);
    expect(task[0]).toMatchObject({ assignee_user_id: w.ae.id });
    expect((await eventsOf(w, a.id, "renewal.churn_retro_needed"))).toHaveLength(1);
    await w.worker.drain();
    const mail = mailAbout(w, w.ae.email, `Churn retro needed: ${a.name}`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain("($180,000 ARR lost). Churn over $150,000 needs a retro");
    expect(mail[0]?.text).toContain(`/docs/${retro[0]?.id}`);

    // Attrited: no next cycle, ever.
    await advance(w, 1);
    expect(await cyclesOf(w, a.id)).toHaveLength(1);
  });

  it("R5 churn retro only over the line, and for partial churn only when seats dropped (X)", async () => {
    const small = await openRenewal(w, { renewsIn: 20, arr: 150_000 });
    await must(w, "POST", `/api/v1/renewals/${small.renewalId}/process`, "ae", { outcome: "full_churn" });
    const partialSameSeats = await openRenewal(w, { renewsIn: 20, arr: 500_000, seats: 100 });
    const dates = { contractStart: daysFromToday(w, 21), contractEnd: daysFromToday(w, 385) };
    await must(w, "POST", `/api/v1/renewals/${partialSameSeats.renewalId}/process`, "ae", { outcome: "partial_churn", renewedArr: 300_000, ...dates });
    const partialDropped = await openRenewal(w, { renewsIn: 20, arr: 500_000, seats: 100 });
    await must(w, "POST", `/api/v1/renewals/${partialDropped.renewalId}/process`, "ae", { outcome: "partial_churn", renewedArr: 340_000, seats: 60, ...{ contractStart: daysFromToday(w, 21), contractEnd: daysFromToday(w, 385) } });
    const retros = async (id: string) => (await docsOf(w, id)).filter((d) => d.template === "churnRetro");
    const needed = async (id: string) => (await eventsOf(w, id, "renewal.churn_retro_needed")).length;
    expect(await needed(small.id)).toBe(0); // exactly $150,000 is not over
    expect(await needed(partialSameSeats.id)).toBe(0);
    expect(await retros(partialSameSeats.id)).toHaveLength(0);
    expect(await needed(partialDropped.id)).toBe(1);
    expect(await retros(partialDropped.id)).toHaveLength(1);
    expect((await tasksOf(w, partialDropped.id)).filter((t) => t.source === "R5.process").map((t) => [t.title, t.assignee_user_id])).toEqual([[`Churn retro: ${partialDropped.name}`, w.ae.id]]);
    await w.worker.drain();
    expect(mailAbout(w, w.ae.email, `Churn retro needed: ${partialDropped.name}`)[0]?.text).toContain("($160,000 ARR lost)");
    expect(mailAbout(w, w.ae.email, `Churn retro needed: ${small.name}`)).toHaveLength(0);
    expect((await accountRow(w, partialDropped.id))).toMatchObject({ arr: 340_000, seats: 60 });
  });

  it("R5 API errors: bad dates and ARR name their field, roles are enforced, and a refused request leaves nothing behind", async () => {
    const a = await openRenewal(w, { renewsIn: 40, arr: 100_000 });
    const renewalDate = daysFromToday(w, 40);
    const before = await counts(w);
    const field = async (body: Record<string, unknown>, expected: string) => {
      const res = await process(a.renewalId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues[0].path).toEqual(["body", expected]);
    };
    await field({ outcome: "flat", contractEnd: daysFromToday(w, 400) }, "contractStart");
    await field({ outcome: "flat", contractStart: daysFromToday(w, 41) }, "contractEnd");
    await field({ outcome: "flat", contractStart: daysFromToday(w, 41), contractEnd: daysFromToday(w, 41) }, "contractEnd");
    await field({ outcome: "flat", contractStart: daysFromToday(w, 1), contractEnd: renewalDate }, "contractEnd");
    await field({ outcome: "flat", contractStart: "2026-02-30", contractEnd: daysFromToday(w, 400) }, "contractStart");
    await field({ outcome: "incremental", renewedArr: 90_000, contractStart: daysFromToday(w, 41), contractEnd: daysFromToday(w, 400) }, "renewedArr");
    await field({ outcome: "full_churn", renewedArr: 5 }, "renewedArr");
    expect((await process(a.renewalId, { outcome: "flat", contractStart: daysFromToday(w, 41), contractEnd: daysFromToday(w, 400) }, "ta")).statusCode).toBe(403);
    expect(await counts(w)).toEqual(before);
    expect((await cyclesOf(w, a.id))[0]?.status).toBe("open");

    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await api(w, "GET", `/api/v1/renewals/${missing}`, "ae")).statusCode).toBe(404);
    expect((await api(w, "PUT", `/api/v1/renewals/${missing}/rating`, "ta", { rating: "green" })).statusCode).toBe(404);
    expect((await api(w, "GET", `/api/v1/accounts/${missing}/renewals`, "ae")).statusCode).toBe(404);
    const noNote = await api(w, "PUT", `/api/v1/renewals/${a.renewalId}/rating`, "ta", { rating: "yellow", note: "  " });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details.issues[0].path).toEqual(["body", "note"]);
    expect((await api(w, "POST", `/api/v1/renewals/${a.renewalId}/review`, "ae", { decision: "approved" })).statusCode).toBe(403);
    expect((await api(w, "GET", "/api/v1/renewals?quarter=2026-13", "ae")).statusCode).toBe(400);
  });

  it("X Lighthouse API errors: one active program per account (409 lighthouse_active), exit needs success criteria (400 success_criteria_missing), exited is final", async () => {
    const a = await makeCustomer(w, { renewsIn: 300 });
    const p = await must<LighthouseDetail>(w, "POST", `/api/v1/accounts/${a.id}/lighthouse`, "ae", { reason: "Exec sponsor left" }, 201);
    const twice = await api(w, "POST", `/api/v1/accounts/${a.id}/lighthouse`, "ta", { reason: "Again" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("lighthouse_active");
    const noCriteria = await api(w, "POST", `/api/v1/lighthouse/${p.id}/exit`, "leadership", { note: "Looks fine" });
    expect(noCriteria.statusCode).toBe(400);
    expect(noCriteria.json().error.code).toBe("success_criteria_missing");
    const badSponsor = await api(w, "PATCH", `/api/v1/lighthouse/${p.id}`, "ae", { execSponsorUserId: "00000000-0000-4000-8000-000000000000" });
    expect(badSponsor.json().error.details.issues[0].path).toEqual(["body", "execSponsorUserId"]);
    expect((await api(w, "POST", `/api/v1/lighthouse/${p.id}/updates`, "ae", { body: "" })).statusCode).toBe(400);
    expect((await api(w, "POST", `/api/v1/accounts/${a.id}/lighthouse`, "ce", { reason: "x" })).statusCode).toBe(403);
    await must(w, "PATCH", `/api/v1/lighthouse/${p.id}`, "ae", { successCriteria: "Sponsor replaced" });
    await must(w, "POST", `/api/v1/lighthouse/${p.id}/exit`, "admin", { note: "New sponsor signed off" });
    const exitAgain = await api(w, "POST", `/api/v1/lighthouse/${p.id}/exit`, "leadership", { note: "again" });
    expect(exitAgain.statusCode).toBe(409);
    // Once exited, the account may enter again.
    await must(w, "POST", `/api/v1/accounts/${a.id}/lighthouse`, "leadership", { reason: "Second scare" }, 201);
    const all = await must<{ items: { id: string }[]; total: number }>(w, "GET", "/api/v1/lighthouse?status=all", "ce");
    expect(all.items.filter((i) => i.id === p.id)).toHaveLength(1);
    const exited = await must<{ items: { id: string }[] }>(w, "GET", "/api/v1/lighthouse?status=exited", "ce");
    expect(exited.items.map((i) => i.id)).toContain(p.id);
  });
});
