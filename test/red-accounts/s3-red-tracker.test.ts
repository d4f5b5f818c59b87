import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { ONE_BY_ONE } from "../../src/domains/red-accounts/open-trackers.js";
import { recomputeAllHealth } from "../../src/domains/health/recompute-all.js";
import { ruleActor } from "../../src/platform/timeline/actor.js";
import { addInstance, makeAccount, timeline } from "../health/health-fixtures.js";
import { call, feedMessages, GREEN_USAGE, queuedEmails, recompute, RED_USAGE, setUsage, teamAccount, trackers } from "./red-fixtures.js";

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

const FEED = "#red-accounts";

describe("S3 red-accounts tracker", () => {
  it("S3 turning red by score alerts #red-accounts once and opens one tracker row", async () => {
    const a = await teamAccount(s);
    await recompute(s, a.id);
    expect(await trackers(s, a.id)).toEqual([]);
    await setUsage(s, a.instanceId, RED_USAGE);
    await recompute(s, a.id);
    // Still red, inputs move again: no second row, message or email.
    await setUsage(s, a.instanceId, { mau: 41, dau: 4 });
    await recompute(s, a.id);
    const rows = await trackers(s, a.id);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ trigger: "score", resolved_at: null, opened_by: "test" });
    expect(row.reason).toContain("Utilization poor");
    expect(Number(row.score_at_open)).toBeLessThan(40);
    const posts = await feedMessages(s, FEED, a.id);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain("turned red");
    expect(posts[0]).toContain(`/red-accounts/${row.id}`);
    const emails = await queuedEmails(s, `S3.red:${row.id}:`);
    expect(emails.map((e) => e.to).sort()).toEqual([[a.ae.email], [a.ce.email], [a.ta.email]].sort());
    expect(emails[0]!.subject).toMatch(/ is red$/);
    expect(emails[0]!.text).toContain(`/red-accounts/${row.id}`);
    const events = (await timeline(s, a.id)).filter((e) => e.action.startsWith("red_account."));
    expect(events.map((e) => e.action)).toEqual(["red_account.opened"]);

    const list = await call(s, "GET", "/api/v1/red-accounts", "leadership");
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === row.id);
    expect(item).toMatchObject({
      trigger: "score",
      band: "red",
      daysOpen: 0,
      actions: { open: 0, overdue: 0, total: 0 },
      resolvedAt: null,
      account: { id: a.id, arr: 120000, renewalDate: "2027-06-30", aeUser: { id: a.ae.id, name: a.ae.name }, taUser: { id: a.ta.id } },
    });
  });

  it("S3 a person marks an account red with a reason (champion left): tracker trigger manual", async () => {
    const a = await teamAccount(s);
    await recompute(s, a.id);
    const res = await call(s, "PUT", `/api/v1/accounts/${a.id}/health/red-flag`, "ae", { reason: "Champion left" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ band: "red", score: 100, cause: "red-flag", redFlag: { reason: "Champion left" } });
    const [row] = await trackers(s, a.id);
    expect(row).toMatchObject({ trigger: "manual", reason: "Champion left", resolved_at: null });
    const posts = await feedMessages(s, FEED, a.id);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain("was marked red by");
    expect(await queuedEmails(s, `S3.red:${row!.id}:`)).toHaveLength(3);
    expect((await timeline(s, a.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["account.red_flag_set", "account.health_band_changed", "red_account.opened"]),
    );
    // Setting it again changes the reason, not the tracker.
    const again = await call(s, "PUT", `/api/v1/accounts/${a.id}/health/red-flag`, "ce", { reason: "Champion left; new VP hostile" });
    expect(again.json().redFlag.reason).toBe("Champion left; new VP hostile");
    expect(await trackers(s, a.id)).toHaveLength(1);
    // The flag holds the band red whatever the score does.
    await recompute(s, a.id, "ticket");
    expect((await trackers(s, a.id))[0]!.resolved_at).toBeNull();
    const cleared = await call(s, "DELETE", `/api/v1/accounts/${a.id}/health/red-flag`, "ae", { reason: "New champion found" });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ band: "green", redFlag: null });
    const [resolved] = await trackers(s, a.id);
    expect(resolved!.resolved_at).not.toBeNull();
    expect(resolved!.resolution).toBe("Health red → green (100): Utilization healthy: Usage score 0.444 ≥ 0.3; MAU/seats 0.9 ≥ 0.8");
    const notFlagged = await call(s, "DELETE", `/api/v1/accounts/${a.id}/health/red-flag`, "ae", { reason: "again" });
    expect(notFlagged.statusCode).toBe(409);
    expect(notFlagged.json().error.code).toBe("not_flagged");
  });

  it("S3 the tracker resolves when the account is yellow or green again; turning red again opens a new row", async () => {
    const a = await teamAccount(s);
    await recompute(s, a.id);
    await setUsage(s, a.instanceId, RED_USAGE);
    await recompute(s, a.id);
    await setUsage(s, a.instanceId, GREEN_USAGE);
    await recompute(s, a.id);
    let rows = await trackers(s, a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ resolved_by: "test" });
    expect(rows[0]!.resolution).toMatch(/^Health red → green \(100\)/);
    const detail = await call(s, "GET", `/api/v1/red-accounts/${rows[0]!.id}`, "support");
    expect(detail.json()).toMatchObject({ band: "green", resolution: rows[0]!.resolution, actions: [], comments: [] });
    expect(detail.json().resolvedAt).not.toBeNull();
    await setUsage(s, a.instanceId, RED_USAGE);
    await recompute(s, a.id);
    rows = await trackers(s, a.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.resolved_at).toBeNull();
    expect(await feedMessages(s, FEED, a.id)).toHaveLength(2);
    const actions = (await timeline(s, a.id)).map((e) => e.action).filter((x) => x.startsWith("red_account."));
    expect(actions).toEqual(["red_account.opened", "red_account.resolved", "red_account.opened"]);
    const open = await call(s, "GET", `/api/v1/red-accounts?status=open&accountId=${a.id}`, "ae");
    expect(open.json().items.map((i: { id: string }) => i.id)).toEqual([rows[1]!.id]);
    const resolved = await call(s, "GET", `/api/v1/red-accounts?status=resolved&accountId=${a.id}`, "ae");
    expect(resolved.json()).toMatchObject({ total: 1, items: [{ id: rows[0]!.id }] });
    const mine = await call(s, "GET", `/api/v1/red-accounts?status=all&owner=${a.ce.id}`, "ae");
    expect(mine.json().total).toBe(2);
  });

  it("S3 the full recompute opens trackers too", async () => {
    const a = await teamAccount(s);
    const b = await teamAccount(s);
    expect((await call(s, "POST", "/api/v1/health/recompute", "admin")).statusCode).toBe(200);
    await setUsage(s, a.instanceId, RED_USAGE);
    await setUsage(s, b.instanceId, RED_USAGE);
    expect((await call(s, "POST", "/api/v1/health/recompute", "admin")).statusCode).toBe(200);
    expect((await call(s, "POST", "/api/v1/health/recompute", "admin")).json().changed).toBe(0);
    for (const x of [a, b]) {
      const rows = await trackers(s, x.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ trigger: "score", resolved_at: null });
      expect(await feedMessages(s, FEED, x.id)).toHaveLength(1);
      expect(await queuedEmails(s, `S3.red:${rows[0]!.id}:`)).toHaveLength(3);
    }
    await setUsage(s, a.instanceId, GREEN_USAGE);
    expect((await call(s, "POST", "/api/v1/health/recompute", "admin")).statusCode).toBe(200);
    expect((await trackers(s, a.id))[0]!.resolved_at).not.toBeNull();
    expect((await trackers(s, b.id))[0]!.resolved_at).toBeNull();
  });
});

describe("S3 many accounts turning red at once", () => {
  it("S3 a recompute that turns many accounts red opens a tracker each, posts one digest and emails each person once", async () => {
    const first = await teamAccount(s);
    const ids = [first.id];
    const instances = [first.instanceId];
    for (let i = 0; i < ONE_BY_ONE; i++) {
      const id = await makeAccount(s, { seats: 100 });
      await s.ctx.db.updateTable("accounts").set({ ae_user_id: first.ae.id }).where("id", "=", id).execute();
      instances.push(await addInstance(s, id, { lastMonthMau: 90, dau: 40 }));
      ids.push(id);
    }
    expect((await call(s, "POST", "/api/v1/health/recompute", "admin")).statusCode).toBe(200);
    for (const instanceId of instances) await setUsage(s, instanceId, RED_USAGE);
    expect((await call(s, "POST", "/api/v1/health/recompute", "admin")).statusCode).toBe(200);
    const open = await s.ctx.db.selectFrom("red_accounts").select("id").where("account_id", "in", ids).where("resolved_at", "is", null).execute();
    expect(open).toHaveLength(ids.length);
    const digest = await s.ctx.db
      .selectFrom("channel_messages as m")
      .innerJoin("channels as c", "c.id", "m.channel_id")
      .select("m.text")
      .where("c.name", "=", FEED)
      .where("m.idempotency_key", "like", "S3.red-digest:%")
      .execute();
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toContain(`${ids.length} accounts turned red`);
    const aeMail = await s.ctx.db.selectFrom("outbox").select("payload").where("channel", "=", "email").where("idempotency_key", "like", `S3.red-digest:%:${first.ae.id}`).execute();
    expect(aeMail).toHaveLength(1);
    expect((aeMail[0]!.payload as unknown as { subject: string }).subject).toContain(`and ${ids.length - 1} more of your accounts`);
    // The CE and TA of the first account alone: the usual single email.
    expect(await queuedEmails(s, `S3.red:${(await trackers(s, first.id))[0]!.id}:`)).toHaveLength(2);
  });

  it("S3 a full recompute written in several batches still sends each person one digest", async () => {
    const first = await teamAccount(s);
    const ids = [first.id];
    const instances = [first.instanceId];
    for (let i = 0; i < ONE_BY_ONE + 2; i++) {
      const id = await makeAccount(s, { seats: 100 });
      await s.ctx.db.updateTable("accounts").set({ ae_user_id: first.ae.id }).where("id", "=", id).execute();
      instances.push(await addInstance(s, id, { lastMonthMau: 90, dau: 40 }));
      ids.push(id);
    }
    const actor = ruleActor("S1.recompute", s.ctx.packs.current().version);
    // Batches of 4: the accounts that turn red are written in at least three statements.
    const fullRecompute = () => s.ctx.db.transaction().execute((trx) => recomputeAllHealth(trx, s.ctx, actor, "recompute", { writeBatch: 4 }));
    await fullRecompute();
    const digestPosts = () => s.ctx.db.selectFrom("channel_messages").select("id").where("idempotency_key", "like", "S3.red-digest:%").execute();
    const postsBefore = (await digestPosts()).length;
    for (const instanceId of instances) await setUsage(s, instanceId, RED_USAGE);
    await fullRecompute();
    const open = await s.ctx.db.selectFrom("red_accounts").select("id").where("account_id", "in", ids).where("resolved_at", "is", null).execute();
    expect(open).toHaveLength(ids.length);
    const aeMail = await s.ctx.db.selectFrom("outbox").select("payload").where("channel", "=", "email").where("idempotency_key", "like", `S3.red-digest:%:${first.ae.id}`).execute();
    expect(aeMail).toHaveLength(1);
    expect((aeMail[0]!.payload as unknown as { subject: string }).subject).toContain(`and ${ids.length - 1} more of your accounts`);
    // One digest post for the whole recompute (one per batch before).
    expect((await digestPosts()).length - postsBefore).toBe(1);
  });
});
