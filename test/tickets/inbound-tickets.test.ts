import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../src/domains/tickets/ticket-view.js";
import type { TestServer } from "../support/test-server.js";
import { createAccount } from "../accounts/account-fixtures.js";
import { daysAgo, latestHealth, sendTicket, ticketServer, writeCounts } from "./ticket-fixtures.js";

let server: TestServer;
beforeAll(async () => {
  server = await ticketServer();
});
afterAll(async () => {
  await server.close();
});

describe("inbound ticket webhook (Standard Webhooks)", () => {
  it("S2 a help ticket from the signed webhook counts toward the 90-day help tickets; a repeat is the same ticket", async () => {
    const a = await createAccount(server, { name: "Webhooked", domains: ["webhooked.test"] });
    const body = { id: "HD-100", account: { domain: "WEBHOOKED.test" }, kind: "help", severity: 2, subject: "License question", openedAt: daysAgo(server, 2) };
    const first = await sendTicket(server, body);
    expect(first.statusCode).toBe(201);
    const t = first.json<Ticket>();
    expect(t).toMatchObject({ accountId: a.id, source: "webhook", externalId: "HD-100", kind: "help", severity: 2, closedAt: null });
    expect(await latestHealth(server, a.id)).toMatchObject({ cause: "ticket", traits: { helpTickets90d: 1 } });

    const counts = await writeCounts(server);
    const retry = await sendTicket(server, body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<Ticket>()).toEqual(t);
    expect(await writeCounts(server)).toEqual(counts);

    // The help desk closes it later: same ticket, closed, still one of the 90-day help tickets.
    const closed = await sendTicket(server, { ...body, closedAt: daysAgo(server, 0) });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<Ticket>()).toMatchObject({ id: t.id, closedAt: daysAgo(server, 0) });
    expect((await latestHealth(server, a.id))?.traits.helpTickets90d).toBe(1);
  });

  it("the account is found by CRM id too; an unknown account is 422 and nothing is stored", async () => {
    const a = await createAccount(server, { name: "By CRM", crmId: "CRM-777" });
    const ok = await sendTicket(server, { id: "HD-200", account: { crmId: "CRM-777" }, kind: "defect", openedAt: daysAgo(server, 1) });
    expect(ok.statusCode).toBe(201);
    expect((await latestHealth(server, a.id))?.traits.defectTickets90d).toBe(1);
    const before = await writeCounts(server);
    const unknown = await sendTicket(server, { id: "HD-201", account: { domain: "nobody.test" }, kind: "help", openedAt: daysAgo(server, 1) });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ error: { code: "unprocessable" } });
    const invalid = await sendTicket(server, { id: "HD-202", account: {}, kind: "help", openedAt: daysAgo(server, 1) });
    expect(invalid.statusCode).toBe(400);
    expect(await writeCounts(server)).toEqual(before);
  });

  it("a forged, tampered or late delivery is 401 and changes nothing", async () => {
    await createAccount(server, { name: "Guarded", domains: ["guarded.test"] });
    const body = { id: "HD-300", account: { domain: "guarded.test" }, kind: "help", openedAt: daysAgo(server, 1) };
    const before = await writeCounts(server);
    const forged = await sendTicket(server, body, { secret: "whsec_" + Buffer.from("someone-else-entirely-0123456789").toString("base64") });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: { code: "invalid_signature" } });
    expect((await sendTicket(server, body, { tamper: true })).statusCode).toBe(401);
    expect((await sendTicket(server, body, { ageSeconds: 6 * 60 })).statusCode).toBe(401);
    const unsigned = await server.app.inject({ method: "POST", url: "/api/v1/inbound/tickets", headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
    expect(unsigned.statusCode).toBe(401);
    expect(await writeCounts(server)).toEqual(before);
    // Within the 5-minute window it is accepted.
    expect((await sendTicket(server, body, { ageSeconds: 4 * 60 })).statusCode).toBe(201);
  });

  it("without TRELLIS_TICKETS_WEBHOOK_SECRET the endpoint answers 503 not configured", async () => {
    const bare = await ticketServer({ secret: false });
    try {
      const res = await sendTicket(bare, { id: "HD-1", account: { domain: "x.test" }, kind: "help", openedAt: daysAgo(bare, 1) });
      expect(res.statusCode).toBe(503);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/not configured/);
    } finally {
      await bare.close();
    }
  });
});
