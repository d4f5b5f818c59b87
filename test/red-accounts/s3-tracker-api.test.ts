import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayOf } from "../../src/domains/usage/days.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { timeline } from "../health/health-fixtures.js";
import { call, queuedEmails, recompute, teamAccount, trackers, type TeamAccount } from "./red-fixtures.js";

let s: TestServer;
beforeAll(async () => {
  s = await createTestServer();
});
afterAll(async () => {
  await s.close();
});

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** An account marked red by its AE: one open tracker. */
async function redTracker(): Promise<{ a: TeamAccount; trackerId: string }> {
  const a = await teamAccount(s);
  await recompute(s, a.id);
  expect((await call(s, "PUT", `/api/v1/accounts/${a.id}/health/red-flag`, "ae", { reason: "Champion left" })).statusCode).toBe(200);
  const [row] = await trackers(s, a.id);
  return { a, trackerId: row!.id };
}

const redEvents = async (accountId: string) => (await timeline(s, accountId)).filter((e) => e.action.startsWith("red_account."));

describe("S3 red-accounts tracker API", () => {
  it("S3 AE and CE record current state, needs, an action plan and a discussion, each on the account timeline", async () => {
    const { a, trackerId } = await redTracker();
    const patched = await call(s, "PATCH", `/api/v1/red-accounts/${trackerId}`, "ce", { currentState: "Usage halved since the reorg", businessNeeds: "Exec sponsor call" });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ currentState: "Usage halved since the reorg", businessNeeds: "Exec sponsor call", trigger: "manual", reason: "Champion left" });

    const today = dayOf(s.ctx.clock.now());
    const added = await call(s, "POST", `/api/v1/red-accounts/${trackerId}/actions`, "ae", { title: "Find a new champion", ownerUserId: a.ta.id });
    expect(added.statusCode).toBe(201);
    // Due by default after the pack's redAccounts.actionDueDays.
    const dueDays = s.ctx.packs.current().redAccounts.actionDueDays;
    expect(added.json()).toMatchObject({ title: "Find a new champion", owner: { id: a.ta.id, name: a.ta.name }, dueOn: addDays(today, dueDays), doneAt: null });
    const actionId = added.json().id as string;
    const ownerMail = await queuedEmails(s, `S3.action:${actionId}:`);
    expect(ownerMail).toHaveLength(1);
    expect(ownerMail[0]).toMatchObject({ to: [a.ta.email], subject: "Task for you: Find a new champion" });
    expect(ownerMail[0]!.text).toContain(`/red-accounts/${trackerId}`);

    s.ctx.clock.advance(60_000); // a minute later: the plan and thread list oldest first
    const late = await call(s, "POST", `/api/v1/red-accounts/${trackerId}/actions`, "ce", { title: "Send usage review", dueOn: addDays(today, -1) });
    expect(late.statusCode).toBe(201);
    expect(late.json().owner).toBeNull();
    const done = await call(s, "PATCH", `/api/v1/red-accounts/${trackerId}/actions/${actionId}`, "ta", { done: true });
    expect(done.statusCode).toBe(200);
    expect(done.json().doneAt).not.toBeNull();
    const moved = await call(s, "PATCH", `/api/v1/red-accounts/${trackerId}/actions/${late.json().id}`, "ae", { ownerUserId: a.ce.id, title: "Send the usage review" });
    expect(moved.json()).toMatchObject({ owner: { id: a.ce.id }, title: "Send the usage review" });
    expect(await queuedEmails(s, `S3.action:${late.json().id}:`)).toHaveLength(1);

    const leader = await s.signInAs("leadership");
    const comment = await s.app.inject({
      method: "POST",
      url: `/api/v1/red-accounts/${trackerId}/comments`,
      headers: { cookie: leader.cookie, "x-csrf-token": leader.csrfToken },
      payload: { body: "Who owns the exec call?" },
    });
    expect(comment.statusCode).toBe(201);
    s.ctx.clock.advance(60_000);
    expect(comment.json()).toMatchObject({ body: "Who owns the exec call?", author: { id: leader.userId } });
    expect((await call(s, "POST", `/api/v1/red-accounts/${trackerId}/comments`, "ae", { body: "I do, Thursday." })).statusCode).toBe(201);

    const detail = (await call(s, "GET", `/api/v1/red-accounts/${trackerId}`, "support")).json();
    expect(detail.actions.map((x: { title: string }) => x.title)).toEqual(["Find a new champion", "Send the usage review"]);
    expect(detail.comments.map((c: { body: string }) => c.body)).toEqual(["Who owns the exec call?", "I do, Thursday."]);
    expect(detail.actionCounts).toEqual({ open: 1, overdue: 1, total: 2 });
    const item = (await call(s, "GET", `/api/v1/red-accounts?accountId=${a.id}`, "ae")).json().items[0];
    expect(item.actions).toEqual({ open: 1, overdue: 1, total: 2 });
    expect(item.lastCommentAt).not.toBeNull();
    expect((await redEvents(a.id)).map((e) => e.action)).toEqual([
      "red_account.opened",
      "red_account.updated",
      "red_account.action_added",
      "red_account.action_added",
      "red_account.action_done",
      "red_account.action_updated",
      "red_account.commented",
      "red_account.commented",
    ]);
  });

  it("S3 API errors: unknown tracker 404, bad owner 400, writes on a resolved tracker 409, roles 403; nothing written", async () => {
    const { a, trackerId } = await redTracker();
    expect((await call(s, "GET", `/api/v1/red-accounts/${UNKNOWN}`, "ae")).statusCode).toBe(404);
    expect((await call(s, "PATCH", `/api/v1/red-accounts/${UNKNOWN}`, "ae", { currentState: "x" })).statusCode).toBe(404);
    expect((await call(s, "PATCH", `/api/v1/red-accounts/${trackerId}/actions/${UNKNOWN}`, "ae", { done: true })).statusCode).toBe(404);
    expect((await call(s, "PUT", `/api/v1/accounts/${UNKNOWN}/health/red-flag`, "ae", { reason: "x" })).statusCode).toBe(404);
    const badOwner = await call(s, "POST", `/api/v1/red-accounts/${trackerId}/actions`, "ae", { title: "Call", ownerUserId: UNKNOWN });
    expect(badOwner.statusCode).toBe(400);
    expect(badOwner.json().error.details.issues[0].path).toEqual(["body", "ownerUserId"]);
    expect((await call(s, "POST", `/api/v1/red-accounts/${trackerId}/actions`, "ae", { title: "  " })).statusCode).toBe(400);
    expect((await call(s, "PUT", `/api/v1/accounts/${a.id}/health/red-flag`, "ae", { reason: "" })).statusCode).toBe(400);
    // Roles: support and leadership read; leadership discusses; only the account team writes.
    expect((await call(s, "GET", `/api/v1/red-accounts/${trackerId}`, "support")).statusCode).toBe(200);
    expect((await call(s, "PATCH", `/api/v1/red-accounts/${trackerId}`, "support", { currentState: "x" })).statusCode).toBe(403);
    expect((await call(s, "POST", `/api/v1/red-accounts/${trackerId}/actions`, "leadership", { title: "x" })).statusCode).toBe(403);
    expect((await call(s, "POST", `/api/v1/red-accounts/${trackerId}/comments`, "support", { body: "x" })).statusCode).toBe(403);
    expect((await call(s, "PUT", `/api/v1/accounts/${a.id}/health/red-flag`, "sales_ops", { reason: "x" })).statusCode).toBe(403);
    const before = await redEvents(a.id);
    expect(before.map((e) => e.action)).toEqual(["red_account.opened"]);
    expect(await s.ctx.db.selectFrom("red_account_actions").select("id").where("red_account_id", "=", trackerId).execute()).toEqual([]);

    expect((await call(s, "DELETE", `/api/v1/accounts/${a.id}/health/red-flag`, "ta", { reason: "Champion back" })).statusCode).toBe(200);
    const [row] = await trackers(s, a.id);
    expect(row!.resolved_at).not.toBeNull();
    for (const [method, url, body] of [
      ["PATCH", `/api/v1/red-accounts/${trackerId}`, { currentState: "x" }],
      ["POST", `/api/v1/red-accounts/${trackerId}/actions`, { title: "x" }],
      ["POST", `/api/v1/red-accounts/${trackerId}/comments`, { body: "x" }],
    ] as const) {
      const res = await call(s, method, url, "ae", body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("red_account_resolved");
    }
    expect((await redEvents(a.id)).map((e) => e.action)).toEqual(["red_account.opened", "red_account.resolved"]);
  });
});
