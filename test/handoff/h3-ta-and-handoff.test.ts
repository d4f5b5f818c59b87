import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountRow,
  advance,
  assignTa,
  bookWorld,
  call,
  counts,
  daysFromToday,
  feedMessages,
  mailAbout,
  mailTo,
  makeAccount,
  setSupportLevel,
  tasksOf,
  type BookWorld,
} from "./book-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

const docsOf = (accountId: string) => w.server.ctx.db.selectFrom("docs").selectAll().where("account_id", "=", accountId).execute();

describe("H3 TA assignment", () => {
  it("H3 TA leadership assigns a TA, who is emailed", async () => {
    const a = await makeAccount(w);
    await setSupportLevel(w, a.id);
    const detail = await assignTa(w, a.id, w.ta.id);
    expect(detail.ta).toEqual({ id: w.ta.id, name: w.ta.name, email: w.ta.email });
    expect(detail.taAssignedAt).toBe(w.server.ctx.clock.now().toISOString());
    await w.worker.drain();
    const mail = mailAbout(w, w.ta.email, `You are the technical advisor for ${a.name}`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain("segment Enterprise");
  });

  it("H3 an AE cannot assign a TA (403), and the TA must be an active user with role ta (400 taUserId)", async () => {
    const a = await makeAccount(w);
    const before = await counts(w);
    expect((await call(w, "POST", `/api/v1/accounts/${a.id}/ta`, "ae", { taUserId: w.ta.id })).statusCode).toBe(403);
    const notTa = await call(w, "POST", `/api/v1/accounts/${a.id}/ta`, "leadership", { taUserId: w.ce.id });
    expect(notTa.statusCode).toBe(400);
    expect(notTa.json().error.details.issues[0].path).toEqual(["body", "taUserId"]);
    expect(await counts(w)).toEqual(before);
    expect((await accountRow(w, a.id)).ta_user_id).toBeNull();
  });

  it("H3 asks TA leadership for a TA 35 days before close when none is assigned", async () => {
    const a = await makeAccount(w, { expectedCloseDate: daysFromToday(w, 40) });
    await setSupportLevel(w, a.id);
    await advance(w, 4);
    expect(mailAbout(w, w.leadership.email, `Assign a TA to ${a.name}`)).toHaveLength(0);
    await advance(w, 1);
    expect(mailAbout(w, w.leadership.email, `Assign a TA to ${a.name}`)).toHaveLength(1);
    expect((await feedMessages(w, "#customer-success-alerts", a.id)).map((m) => m.rule_id)).toContain("H3.ta-assignment");
  });
});

describe("H3 hand-off playbook", () => {
  it("H3 creates the Handoff Doc and the CE task 35 days before close", async () => {
    const a = await makeAccount(w, { expectedCloseDate: daysFromToday(w, 50), ieUserId: w.ie.id });
    await setSupportLevel(w, a.id);
    await assignTa(w, a.id, w.ta.id);
    await w.worker.drain();
    const ceMailBefore = mailTo(w, w.ce.email).length;

    await advance(w, 14); // 36 days before close
    expect(await docsOf(a.id)).toHaveLength(0);

    await advance(w, 1); // 35 days before close
    const docs = await docsOf(a.id);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ template: "handoff", title: `Handoff Doc: ${a.name}`, version: 1 });
    expect(docs[0]?.body).toContain("TA: Tina TA");
    expect(docs[0]?.body).toContain("ARR: $120,000");

    const tasks = (await tasksOf(w, a.id)).filter((t) => t.source === "H3.handoff");
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ assignee_user_id: w.ce.id, team: null, due_on: daysFromToday(w, 7), status: "todo" });
    expect(tasks[0]?.description).toContain("Tina TA (TA), Alan AE (AE) and Ian IE (IE)");

    const mail = mailTo(w, w.ce.email).slice(ceMailBefore);
    expect(mail.map((m) => m.subject)).toEqual([`Hand-off: complete the Handoff Doc for ${a.name}`]);
    expect(mail[0]?.envelopeTo.sort()).toEqual([w.ae.email, w.ce.email, w.ta.email].sort());
    expect(mail[0]?.text).toContain(`/docs/${docs[0]?.id}`);

    await advance(w, 3);
    expect(await docsOf(a.id)).toHaveLength(1);
    expect((await tasksOf(w, a.id)).filter((t) => t.source === "H3.handoff")).toHaveLength(1);
  });

  it("H3 a TA assigned later than 35 days before close starts the hand-off at once; without a CE the CE team gets the task", async () => {
    const a = await makeAccount(w, { expectedCloseDate: daysFromToday(w, 20), ceUserId: null });
    await setSupportLevel(w, a.id);
    await assignTa(w, a.id, w.ta2.id);
    await advance(w, 0.01);
    expect(await docsOf(a.id)).toHaveLength(1);
    const task = (await tasksOf(w, a.id)).find((t) => t.source === "H3.handoff");
    expect(task).toMatchObject({ assignee_user_id: null, team: "ce" });
    expect(task?.description).toContain("Theo TA (TA) and Alan AE (AE)");
    // The CE team (every active CE) hears about it.
    expect(mailAbout(w, w.ce.email, `Hand-off: complete the Handoff Doc for ${a.name}`)).toHaveLength(1);
  });

  it("H3 no hand-off for an account outside the book or without a TA", async () => {
    const outside = await makeAccount(w, { expectedCloseDate: daysFromToday(w, 10) });
    const noTa = await makeAccount(w, { expectedCloseDate: daysFromToday(w, 10) });
    await setSupportLevel(w, noTa.id);
    await advance(w, 1);
    expect(await docsOf(outside.id)).toHaveLength(0);
    expect(await docsOf(noTa.id)).toHaveLength(0);
  });
});
