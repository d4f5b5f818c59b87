import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays } from "../../src/platform/calendar/business-calendar.js";
import {
  addInstance,
  assignTa,
  bookWorld,
  closeAccount,
  daysFromToday,
  feedMessages,
  mailAbout,
  makeAccount,
  setSupportLevel,
  tasksOf,
  type BookWorld,
} from "../handoff/book-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

async function churn(accountId: string) {
  const res = await w.server.app.inject({
    method: "PATCH",
    url: `/api/v1/accounts/${accountId}`,
    headers: { authorization: `Bearer ${await w.server.tokenFor("ae")}` },
    payload: { accountType: w.server.ctx.packs.current().accounts.types.attrited },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Record<string, unknown>>();
}

/** A signed customer in the book with its TA: what a churn starts from. */
async function customer(deployment: "cloud_managed" | "self_hosted", name: string) {
  const a = await makeAccount(w, { name, arr: 180_000 });
  await setSupportLevel(w, a.id);
  await assignTa(w, a.id, w.ta.id);
  await closeAccount(w, a.id, { deployment, seats: 150, adminEmail: `admin@${name.toLowerCase()}.example` });
  return a;
}

describe("C: a churned customer", () => {
  it("C1 C3 C5 a managed-cloud churn alerts GTM operations, tells the TA, files the teardown at the SLA and assigns the post-mortem", async () => {
    const a = await customer("cloud_managed", "Leaveco");
    await addInstance(w, a.id, { slug: "leaveco", kind: "production" });
    const before = (await tasksOf(w, a.id)).length;
    const now = w.server.ctx.clock.now();

    const detail = await churn(a.id);
    expect(detail).toMatchObject({ inBook: false, stage: null }); // C2

    // C1: #gtm-operations-review and the assigned TA.
    const gtm = await feedMessages(w, "#gtm-operations-review", a.id);
    expect(gtm).toHaveLength(1);
    expect(gtm[0]?.text).toContain("Leaveco churned");
    const arr = (await w.server.ctx.db.selectFrom("accounts").select("arr").where("id", "=", a.id).executeTakeFirstOrThrow()).arr ?? 0;
    expect(gtm[0]?.text).toContain(`ARR $${arr.toLocaleString("en")}`);
    // C3: cloud ops gets the teardown task at the X SLA (15 working days), an email and a post.
    const pack = w.server.ctx.packs.current();
    const due = addWorkingDays(pack.businessCalendar, now, pack.churn.teardownSlaWorkingDays).toISOString().slice(0, 10);
    const tasks = await tasksOf(w, a.id);
    expect(tasks.length).toBe(before + 2);
    const teardown = tasks.find((t) => t.source === "C3.teardown");
    expect(teardown).toMatchObject({ team: "cloud_ops", due_on: due, assignee_user_id: null });
    expect(teardown?.description).toContain("leaveco");
    const posts = await feedMessages(w, "#discuss-cloud-ops", a.id);
    expect(posts.filter((p) => p.text.startsWith("Teardown request"))).toHaveLength(1);
    // C5: the AE's post-mortem task with its doc from the pack template.
    const postMortem = tasks.find((t) => t.source === "C5.post-mortem");
    expect(postMortem).toMatchObject({ assignee_user_id: w.ae.id, due_on: daysFromToday(w, pack.churn.postMortemDueDays) });
    const doc = await w.server.ctx.db.selectFrom("docs").select(["title"]).where("account_id", "=", a.id).where("title", "like", "Churn retro%").executeTakeFirstOrThrow();
    expect(doc.title).toBe("Churn retro: Leaveco");

    await w.worker.drain();
    const toTa = mailAbout(w, w.ta.email, "Leaveco churned");
    expect(toTa).toHaveLength(1);
    expect(toTa[0]?.text).toContain("teardown of leaveco was requested");
    expect(mailAbout(w, w.cloudOps.email, "Teardown request: Leaveco")).toHaveLength(1);
    const timeline = await w.server.ctx.db.selectFrom("timeline_events").select(["kind", "summary"]).where("subject_id", "=", a.id).where("kind", "=", "account.churned").execute();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]?.summary).toContain("teardown requested from cloud ops");
  });

  it("C3 a self-hosted churn files no teardown; C1 and C5 still happen", async () => {
    const a = await customer("self_hosted", "Selfco");
    await churn(a.id);
    const tasks = await tasksOf(w, a.id);
    expect(tasks.filter((t) => t.source === "C3.teardown")).toHaveLength(0);
    expect(tasks.filter((t) => t.source === "C5.post-mortem")).toHaveLength(1);
    expect(await feedMessages(w, "#gtm-operations-review", a.id)).toHaveLength(1);
    expect((await feedMessages(w, "#discuss-cloud-ops", a.id)).filter((p) => p.text.startsWith("Teardown request"))).toHaveLength(0);
  });

  it("C1 a prospect marked attrited never churned: no alert, no post-mortem", async () => {
    const a = await makeAccount(w, { name: "Neverco" });
    await churn(a.id);
    expect(await feedMessages(w, "#gtm-operations-review", a.id)).toHaveLength(0);
    expect((await tasksOf(w, a.id)).filter((t) => t.source === "C5.post-mortem")).toHaveLength(0);
  });
});
