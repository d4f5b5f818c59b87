import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Activity } from "../../src/domains/activities/activity-view.js";
import type { TestServer } from "../support/test-server.js";
import { call, createAccount, timeline } from "../accounts/account-fixtures.js";
import { daysAgo, latestHealth, ticketServer, writeCounts } from "./ticket-fixtures.js";

let server: TestServer;
beforeAll(async () => {
  server = await ticketServer();
});
afterAll(async () => {
  await server.close();
});

describe("activities (S2 days since last activity)", () => {
  it("S2 a logged activity sets the days since last activity, recomputed in the same response", async () => {
    const a = await createAccount(server, { name: "Active Co" });
    const me = await server.signInAs("ta");
    const res = await call(server, me, "POST", `/api/v1/accounts/${a.id}/activities`, { kind: "call", at: daysAgo(server, 3), summary: "Quarterly check-in with the platform team" });
    expect(res.statusCode).toBe(201);
    const logged = res.json<Activity>();
    expect(logged).toMatchObject({ accountId: a.id, kind: "call", summary: "Quarterly check-in with the platform team", user: { id: me.userId }, at: daysAgo(server, 3) });
    expect(logged.createdBy).toMatch(/ta/i);
    expect(await latestHealth(server, a.id)).toMatchObject({ cause: "activity", traits: { daysSinceLastActivity: 3 } });

    // An older activity does not move the last-activity day back; a newer one brings it to 0.
    await call(server, "ce", "POST", `/api/v1/accounts/${a.id}/activities`, { kind: "email", at: daysAgo(server, 20), summary: "Sent the upgrade guide" });
    expect((await latestHealth(server, a.id))?.traits.daysSinceLastActivity).toBe(3);
    const today = await call(server, "ae", "POST", `/api/v1/accounts/${a.id}/activities`, { kind: "meeting", summary: "Exec sync" });
    expect(today.json<Activity>()).toMatchObject({ user: null, at: server.ctx.clock.now().toISOString() });
    expect((await latestHealth(server, a.id))?.traits.daysSinceLastActivity).toBe(0);

    const list = (await call(server, "leadership", "GET", `/api/v1/accounts/${a.id}/activities`)).json<{ items: Activity[] }>();
    expect(list.items.map((i) => i.kind)).toEqual(["meeting", "call", "email"]);
    expect((await timeline(server, a.id)).map((e) => e.summary)).toContain("Call logged: Quarterly check-in with the platform team");
  });

  it("an activity in the future is refused (400 at) and nothing is stored", async () => {
    const a = await createAccount(server, { name: "Future Co" });
    const before = await writeCounts(server);
    const res = await call(server, "ta", "POST", `/api/v1/accounts/${a.id}/activities`, { kind: "note", at: daysAgo(server, -1), summary: "Tomorrow" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: ["body", "at"] }] } } });
    const badKind = await call(server, "ta", "POST", `/api/v1/accounts/${a.id}/activities`, { kind: "lunch", summary: "x" });
    expect(badKind.statusCode).toBe(400);
    expect(await writeCounts(server)).toEqual(before);
  });

  it("an unknown account is 404; leadership reads but does not log", async () => {
    const missing = await call(server, "ta", "POST", "/api/v1/accounts/00000000-0000-4000-8000-000000000000/activities", { kind: "call", summary: "x" });
    expect(missing.statusCode).toBe(404);
    const a = await createAccount(server, { name: "Read Only Co" });
    expect((await call(server, "leadership", "POST", `/api/v1/accounts/${a.id}/activities`, { kind: "call", summary: "x" })).statusCode).toBe(403);
    expect((await call(server, "leadership", "GET", `/api/v1/accounts/${a.id}/activities`)).statusCode).toBe(200);
  });
});
