import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketImportReport } from "../../src/domains/tickets/import-tickets.js";
import type { Ticket } from "../../src/domains/tickets/ticket-view.js";
import type { TestServer } from "../support/test-server.js";
import { call, createAccount } from "../accounts/account-fixtures.js";
import { daysAgo, latestHealth, ticketServer, writeCounts } from "./ticket-fixtures.js";

let server: TestServer;
beforeAll(async () => {
  server = await ticketServer();
});
afterAll(async () => {
  await server.close();
});

const HEADER = "externalId,accountDomain,accountCrmId,kind,severity,openedAt,closedAt,subject";
const day = (days: number): string => daysAgo(server, days).slice(0, 10);
const importCsv = (csv: string, dryRun: boolean) => call(server, "support", "POST", "/api/v1/tickets/import", { csv, dryRun });

describe("ticket CSV import", () => {
  it("S2 imported help and defect tickets count toward the 90-day tickets; a re-import updates by externalId", async () => {
    const a = await createAccount(server, { name: "Imported Co", domains: ["imported.test"] });
    const b = await createAccount(server, { name: "Crm Co", crmId: "CRM-IMP" });
    const csv = [
      HEADER,
      `CSV-1,imported.test,,help,,${day(5)},,"How do I, in short, rotate keys?"`,
      `CSV-2,imported.test,,defect,1,${daysAgo(server, 3)},,Search is slow`,
      `CSV-3,,CRM-IMP,Help,3,${day(100)},${day(95)},Old one`,
      "",
    ].join("\r\n");
    const dry = await importCsv(csv, true);
    expect(dry.json<TicketImportReport>()).toEqual({ dryRun: true, rows: 3, created: 3, updated: 0, errors: [] });
    expect((await call(server, "leadership", "GET", `/api/v1/accounts/${a.id}/tickets`)).json<{ items: Ticket[] }>().items).toEqual([]);

    const real = await importCsv(csv, false);
    expect(real.json<TicketImportReport>()).toEqual({ dryRun: false, rows: 3, created: 3, updated: 0, errors: [] });
    const items = (await call(server, "leadership", "GET", `/api/v1/accounts/${a.id}/tickets`)).json<{ items: Ticket[] }>().items;
    expect(items.map((t) => [t.externalId, t.source, t.kind, t.severity, t.subject])).toEqual([
      ["CSV-2", "csv", "defect", 1, "Search is slow"],
      ["CSV-1", "csv", "help", null, "How do I, in short, rotate keys?"],
    ]);
    // One recompute per account, after its tickets are in.
    expect(await latestHealth(server, a.id)).toMatchObject({ cause: "ticket", count: 1, traits: { helpTickets90d: 1, defectTickets90d: 1 } });
    expect(await latestHealth(server, b.id)).toMatchObject({ traits: { helpTickets90d: 0 } });

    const again = await importCsv([HEADER, `CSV-1,imported.test,,help,,${day(5)},${day(1)},"How do I, in short, rotate keys?"`].join("\n"), false);
    expect(again.json<TicketImportReport>()).toMatchObject({ created: 0, updated: 1, errors: [] });
    const closed = (await call(server, "leadership", "GET", `/api/v1/accounts/${a.id}/tickets?open=false`)).json<{ items: Ticket[] }>().items;
    expect(closed.map((t) => [t.externalId, t.closedAt])).toEqual([["CSV-1", `${day(1)}T00:00:00.000Z`]]);
  });

  it("a dry run reports every bad row and field; with errors nothing is imported (422)", async () => {
    await createAccount(server, { name: "Checked Co", domains: ["checked.test"] });
    const csv = [
      HEADER,
      `OK-1,checked.test,,help,,${day(1)},,fine`,
      `BAD-1,checked.test,,question,5,yesterday,,`,
      `,nobody.test,,help,,${day(1)},,`,
      `OK-1,checked.test,,help,,${day(1)},,twice`,
      `BAD-2,checked.test,,defect,0,${day(1)},${day(2)},closed before opened`,
      `BAD-3,,,defect,,${day(-1)},,`,
    ].join("\n");
    const before = await writeCounts(server);
    const dry = await importCsv(csv, true);
    expect(dry.statusCode).toBe(200);
    const report = dry.json<TicketImportReport>();
    expect(report).toMatchObject({ dryRun: true, rows: 6, created: 1 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [2, "kind"],
      [2, "severity"],
      [2, "openedAt"],
      [3, "externalId"],
      [4, "externalId"],
      [5, "closedAt"],
      [6, "accountDomain"],
    ]);
    expect(report.errors.find((e) => e.row === 4)?.message).toMatch(/also on row 1/);
    const real = await importCsv(csv, false);
    expect(real.statusCode).toBe(422);
    expect(real.json()).toMatchObject({ error: { code: "validation_failed", details: { errors: report.errors } } });
    expect(await writeCounts(server)).toEqual(before);

    const unknownAccount = await importCsv([HEADER, `U-1,nobody.test,,help,,${day(1)},,`].join("\n"), true);
    expect(unknownAccount.json<TicketImportReport>().errors).toEqual([{ row: 1, field: "accountDomain", message: "no account has domain nobody.test" }]);
  });

  it("a file whose header is wrong is refused as a whole (400); only admin and support import", async () => {
    const res = await importCsv("externalId,kind,openedAt,colour\nX,help,2026-01-01,red", true);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { details: { issues: [{ path: ["body", "csv"] }] } } });
    expect((await importCsv("externalId,kind,openedAt\nX,help,2026-01-01", true)).statusCode).toBe(400);
    expect((await call(server, "ta", "POST", "/api/v1/tickets/import", { csv: HEADER, dryRun: true })).statusCode).toBe(403);
  });
});
