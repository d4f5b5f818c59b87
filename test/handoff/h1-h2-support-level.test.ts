import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySegmentation } from "../../src/domains/handoff/segmentation.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import {
  accountRow,
  advance,
  bookWorld,
  call,
  counts,
  daysFromToday,
  feedMessages,
  firings,
  mailAbout,
  makeAccount,
  setSupportLevel,
  stageHistory,
  type BookWorld,
} from "./book-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

describe("H1 support level", () => {
  it("H1 reminds TA leadership 45 days before the expected close (not at 46) when no support level is set", async () => {
    const a = await makeAccount(w, { expectedCloseDate: daysFromToday(w, 50) });
    const handled = await makeAccount(w, { expectedCloseDate: daysFromToday(w, 50) });
    await setSupportLevel(w, handled.id);

    await advance(w, 4); // 46 days before close
    expect(mailAbout(w, w.leadership.email, `Set the TA support level for ${a.name}`)).toHaveLength(0);
    expect(await firings(w, "H1.support-level-reminder", a.id)).toHaveLength(0);

    await advance(w, 1); // 45 days before close
    const mail = mailAbout(w, w.leadership.email, `Set the TA support level for ${a.name}`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain("45 days from now");
    const alerts = await feedMessages(w, "#customer-success-alerts", a.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.rule_id).toBe("H1.support-level-reminder");
    expect(mailAbout(w, w.leadership.email, `Set the TA support level for ${handled.name}`)).toHaveLength(0);

    await advance(w, 3);
    expect(mailAbout(w, w.leadership.email, `Set the TA support level for ${a.name}`)).toHaveLength(1);
  });

  it("H1 setting the support level puts the account in the book at 0. Prospect, segmented (H2)", async () => {
    const a = await makeAccount(w, { developers: 300, arr: 40_000 });
    const detail = await setSupportLevel(w, a.id, "Pooled TA");
    expect(detail).toMatchObject({
      inBook: true,
      taSupportLevel: "Pooled TA",
      stage: "0. Prospect",
      segment: "Scaled Success",
      coverage: "Digital coverage",
      segmentReason: "300 developers ≥ 100 → Mid-Market; ARR $40,000 < $50,000 → Scaled Success; Digital coverage (default)",
    });
    expect(await stageHistory(w, a.id)).toEqual([{ from_stage: null, to_stage: "0. Prospect", reason: "In the book, not closed yet", manual: false, rule_id: null }]);

    const row = await accountRow(w, a.id);
    const again = await setSupportLevel(w, a.id, "Pooled TA");
    expect(again.inBookAt).toEqual(row.in_book_at?.toISOString());
    expect(await stageHistory(w, a.id)).toHaveLength(1);
  });

  it("H1 an unknown level is a 400 on the level field and changes nothing", async () => {
    const a = await makeAccount(w);
    const before = await counts(w);
    const res = await call(w, "POST", `/api/v1/accounts/${a.id}/support-level`, "leadership", { level: "Platinum" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toEqual(["body", "level"]);
    expect(await counts(w)).toEqual(before);
    expect((await accountRow(w, a.id)).in_book_at).toBeNull();
  });

  it("H1 only TA leadership (and admin) set the support level: an AE gets 403", async () => {
    const a = await makeAccount(w);
    const res = await call(w, "POST", `/api/v1/accounts/${a.id}/support-level`, "ae", { level: "Dedicated TA" });
    expect(res.statusCode).toBe(403);
    const missing = await call(w, "POST", `/api/v1/accounts/00000000-0000-4000-8000-000000000000/support-level`, "leadership", { level: "Dedicated TA" });
    expect(missing.statusCode).toBe(404);
  });
});

describe("H2 segmentation on change", () => {
  it("H2 re-segments a book account when developers or ARR change, recording only real changes", async () => {
    const a = await makeAccount(w, { developers: 2499, arr: 200_000 });
    expect((await setSupportLevel(w, a.id)).segment).toBe("Enterprise");
    const ctx = w.server.ctx;
    const actor = systemActor("test");
    const events = async () =>
      (await ctx.db.selectFrom("timeline_events").select("summary").where("subject_id", "=", a.id).where("kind", "=", "account.segmented").execute()).length;
    const before = await events();

    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable("accounts").set({ developers: 2500 }).where("id", "=", a.id).execute();
      await applySegmentation(trx, ctx, a.id, actor);
    });
    expect((await accountRow(w, a.id)).segment).toBe("Strategic");
    expect(await events()).toBe(before + 1);

    await ctx.db.transaction().execute((trx) => applySegmentation(trx, ctx, a.id, actor));
    expect(await events()).toBe(before + 1);

    const outside = await makeAccount(w, { developers: 50 });
    await ctx.db.transaction().execute((trx) => applySegmentation(trx, ctx, outside.id, actor));
    expect((await accountRow(w, outside.id)).segment).toBeNull();
  });
});
