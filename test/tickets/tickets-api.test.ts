import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../src/domains/tickets/ticket-view.js";
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

const list = async (accountId: string, query = ""): Promise<Ticket[]> =>
  (await call(server, "leadership", "GET", `/api/v1/accounts/${accountId}/tickets${query}`)).json<{ items: Ticket[] }>().items;

describe("tickets by API (S2 help and defect tickets, 90 days)", () => {
  it("S2 a help ticket by API counts toward the 90-day help tickets; closing it keeps it counted", async () => {
    const a = await createAccount(server, { name: "Helpful Co" });
    const res = await call(server, "support", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "help", subject: "How do I add SSO?", openedAt: daysAgo(server, 10) });
    expect(res.statusCode).toBe(201);
    const t = res.json<Ticket>();
    expect(t).toMatchObject({ accountId: a.id, source: "api", externalId: null, kind: "help", severity: null, subject: "How do I add SSO?", openedAt: daysAgo(server, 10), closedAt: null });
    expect(await latestHealth(server, a.id)).toMatchObject({ cause: "ticket", traits: { helpTickets90d: 1, defectTickets90d: 0 } });

    const closed = await call(server, "ta", "PATCH", `/api/v1/tickets/${t.id}`, { closedAt: daysAgo(server, 1) });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<Ticket>().closedAt).toBe(daysAgo(server, 1));
    // The count is of tickets opened within 90 days, open or closed.
    expect((await latestHealth(server, a.id))?.traits.helpTickets90d).toBe(1);
    expect(await list(a.id, "?open=true")).toEqual([]);
    expect((await list(a.id, "?open=false")).map((x) => x.id)).toEqual([t.id]);

    // Re-kinding it moves it from help to defect.
    const rekind = await call(server, "ta", "PATCH", `/api/v1/tickets/${t.id}`, { kind: "defect", severity: 1 });
    expect(rekind.json<Ticket>()).toMatchObject({ kind: "defect", severity: 1 });
    expect(await latestHealth(server, a.id)).toMatchObject({ traits: { helpTickets90d: 0, defectTickets90d: 1 } });
    const summaries = (await timeline(server, a.id)).map((e) => e.summary);
    expect(summaries).toContain("Help ticket opened: How do I add SSO?");
    expect(summaries).toContain('Help ticket "How do I add SSO?" closed');
  });

  it("S2 a ticket opened more than 90 days ago does not count", async () => {
    const a = await createAccount(server, { name: "Old Tickets Co" });
    await call(server, "support", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "defect", severity: 2, openedAt: daysAgo(server, 91) });
    await call(server, "support", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "defect", severity: 0, openedAt: daysAgo(server, 89) });
    expect((await latestHealth(server, a.id))?.traits.defectTickets90d).toBe(1);
    expect((await list(a.id)).map((t) => t.severity)).toEqual([0, 2]);
    expect(await list(a.id, "?limit=1")).toHaveLength(1);
  });

  it("bad tickets are refused and nothing is stored: future opening, close before opening, severity 4, taken externalId (409)", async () => {
    const a = await createAccount(server, { name: "Strict Co" });
    const first = await call(server, "support", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "help", externalId: "ZD-1" });
    expect(first.statusCode).toBe(201);
    const before = await writeCounts(server);
    const future = await call(server, "support", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "help", openedAt: daysAgo(server, -1) });
    expect(future.json()).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: ["body", "openedAt"] }] } } });
    expect((await call(server, "support", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "help", severity: 4 })).statusCode).toBe(400);
    const twice = await call(server, "support", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "help", externalId: "ZD-1" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: "already_exists", details: { field: "externalId", ticketId: first.json<Ticket>().id } } });
    const early = await call(server, "support", "PATCH", `/api/v1/tickets/${first.json<Ticket>().id}`, { closedAt: daysAgo(server, 1) });
    expect(early.json()).toMatchObject({ error: { details: { issues: [{ path: ["body", "closedAt"] }] } } });
    expect((await call(server, "support", "PATCH", "/api/v1/tickets/00000000-0000-4000-8000-000000000000", { closedAt: null })).statusCode).toBe(404);
    expect((await call(server, "ae", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "help" })).statusCode).toBe(403);
    expect(await writeCounts(server)).toEqual(before);
  });

  it("a PATCH that changes nothing writes nothing", async () => {
    const a = await createAccount(server, { name: "Same Co" });
    const t = (await call(server, "support", "POST", `/api/v1/accounts/${a.id}/tickets`, { kind: "help", subject: "Same" })).json<Ticket>();
    const before = await writeCounts(server);
    const same = await call(server, "support", "PATCH", `/api/v1/tickets/${t.id}`, { kind: "help", subject: "Same" });
    expect(same.statusCode).toBe(200);
    expect(await writeCounts(server)).toEqual(before);
  });
});
