import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountDetail } from "../../src/domains/accounts/account-view.js";
import { parseCsv } from "../../src/domains/accounts/csv.js";
import { accountWorld, bookCounts, call, createAccount, HEADER, importCsv, timeline, type AccountWorld, type ImportAnswer } from "./account-fixtures.js";

let w: AccountWorld;
beforeAll(async () => {
  w = await accountWorld();
});
afterAll(async () => {
  await w.close();
});

const csv = (...rows: string[]) => [HEADER, ...rows].join("\r\n") + "\r\n";
const detail = async (id: string) => (await call(w.server, "ae", "GET", `/api/v1/accounts/${id}`)).json<AccountDetail>();

describe("CSV import", () => {
  it("a dry run reports every bad row and field, and nothing is imported until the file is clean", async () => {
    await createAccount(w.server, { name: "Taken", domains: ["taken.com"], crmId: "CRM-T" });
    await createAccount(w.server, { name: "Taken Too", domains: ["taken-too.com"] });
    const file = csv(
      "Good One,goodone.com,CRM-1,,,1000,,,,,,,,",
      "Bad Cells,badcells.com,,Friend,2027-02-30,12k,,,,,on-prem,,,maybe",
      `Bad Owners,badowners.com,,,,,,,,,,nobody@vendor.test,${w.ae.email},`,
      "Bad Domain,not a domain;ok.com,,,,,,,,,,,,",
      "Twin,twin.com,CRM-1,,,,,,,,,,,",
      "Backwards,backwards.com,,,2027-06-01,,,,2027-01-01,2026-12-31,,,,",
      ",,,,,,,,,,,,,",
      ",nobody-has-this.com,,,,,,,,,,,,",
      "Grabby,grabby.com taken-too.com,CRM-T,,,,,,,,,,,",
      `Gone Owner,goneowner.com,,,,,,,,,,${w.gone.email},,`,
      "Too many,toomany.com,,,,,,,,,,,,,extra",
    );
    const before = await bookCounts(w.server);
    const dry = await importCsv(w.server, file, true);
    expect(dry.statusCode).toBe(200);
    const report = dry.json<ImportAnswer>();
    expect(report).toMatchObject({ dryRun: true, rows: 10 });
    expect(report.errors).toEqual([
      { row: 2, field: "accountType", message: expect.stringContaining("Friend is not an account type") },
      { row: 2, field: "expectedCloseDate", message: "2027-02-30 is not a date (YYYY-MM-DD)" },
      { row: 2, field: "arr", message: "12k is not a whole number of 0 or more" },
      { row: 2, field: "deployment", message: "on-prem is not a deployment (cloud_managed, self_hosted)" },
      { row: 2, field: "strategic", message: "maybe is not true or false" },
      { row: 3, field: "aeEmail", message: "nobody@vendor.test is not an active user" },
      { row: 3, field: "ceEmail", message: `${w.ae.email} (${w.ae.name}) is not in the ce role` },
      { row: 4, field: "domains", message: "not, a, domain are not domain names" },
      { row: 5, field: "crmId", message: "CRM-1 is also on row 1" },
      { row: 6, field: "contractEnd", message: "must be after the contract start (2027-01-01)" },
      { row: 6, field: "expectedCloseDate", message: "is after the contract end (renewal, 2026-12-31)" },
      { row: 8, field: "name", message: expect.stringContaining("is required for a new account") },
      { row: 9, field: "domains", message: "taken-too.com already belongs to account Taken Too" },
      { row: 10, field: "aeEmail", message: `${w.gone.email} is not an active user` },
      { row: 11, field: "", message: "has 15 fields; the header names 14" },
    ]);
    expect(await bookCounts(w.server)).toEqual(before);

    const real = await importCsv(w.server, file, false);
    expect(real.statusCode).toBe(422);
    expect(real.json()).toMatchObject({ error: { code: "validation_failed", details: { errors: report.errors } } });
    expect(real.json<{ error: { message: string } }>().error.message).toContain("15 problems in the file, nothing imported");
    expect(await bookCounts(w.server)).toEqual(before);
  });

  it("import creates new accounts and updates existing ones matched by CRM id, then by any domain", async () => {
    const pack = w.server.ctx.packs.current();
    const a = await createAccount(w.server, { name: "Umbrella", domains: ["umbrella.com"], crmId: "CRM-U", arr: 10_000 });
    const b = await createAccount(w.server, { name: "Soylent", domains: ["soylent.com", "soylent.io"], seats: 5 });
    const file = csv(
      "Umbrella Corp,,CRM-U,,,250000,,,,,,,,",
      ",soylent.io,,,,,80,,,,,,,",
      `Wonka,wonka.com;wonka.co.uk,CRM-W,${pack.accounts.types.customer},2027-01-01,75000,100,120,2027-01-01,2028-01-01,self_hosted,${w.ae.email},${w.ce.email},yes`,
    );
    const dry = await importCsv(w.server, file, true);
    expect(dry.json()).toEqual({ dryRun: true, rows: 3, created: 1, updated: 2, errors: [] });
    expect((await detail(a.id)).arr).toBe(10_000);

    const res = await importCsv(w.server, file, false);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: false, rows: 3, created: 1, updated: 2, errors: [] });
    expect(await detail(a.id)).toMatchObject({ name: "Umbrella Corp", arr: 250_000, domains: ["umbrella.com"] });
    expect(await detail(b.id)).toMatchObject({ name: "Soylent", seats: 80, domains: ["soylent.io"] });
    expect((await timeline(w.server, a.id))[0]).toMatchObject({ kind: "account.updated", summary: "Changed name and ARR (CSV import)" });
    const wonka = await w.server.ctx.db.selectFrom("accounts").select("id").where("crm_id", "=", "CRM-W").executeTakeFirstOrThrow();
    expect(await detail(wonka.id)).toMatchObject({
      name: "Wonka",
      domains: ["wonka.com", "wonka.co.uk"],
      accountType: pack.accounts.types.customer,
      customer: true,
      strategic: true,
      arr: 75_000,
      seats: 100,
      developers: 120,
      contractEnd: "2028-01-01",
      deployment: "self_hosted",
      ae: { id: w.ae.id },
      ce: { id: w.ce.id },
    });
    expect((await timeline(w.server, wonka.id))[0]?.summary).toBe("Created account Wonka (wonka.com, wonka.co.uk) from a CSV import");
  });

  it("a broken file or header is refused as a whole (400); too many rows or bytes is 413", async () => {
    const unknown = await importCsv(w.server, "name,colour\nAcme,red\n", true);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: "validation_failed", message: expect.stringContaining('unknown column "colour"') } });
    const noName = await importCsv(w.server, "domains\nacme.com\n", true);
    expect(noName.json()).toMatchObject({ error: { message: expect.stringContaining("no name column") } });
    const unclosed = await importCsv(w.server, 'name\n"Acme\n', true);
    expect(unclosed.json()).toMatchObject({ error: { message: expect.stringContaining("line 2: a quoted field is never closed") } });
    const empty = await importCsv(w.server, "", true);
    expect(empty.statusCode).toBe(400);

    const rows = Array.from({ length: 5001 }, (_, i) => `Company ${i}`);
    const tooMany = await importCsv(w.server, ["name", ...rows].join("\n"), true);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ error: { code: "payload_too_large", message: expect.stringContaining("at most 5000") } });
    const big = await importCsv(w.server, `name\n${"x".repeat(2 * 1024 * 1024)}\n`, true);
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: "payload_too_large", message: expect.stringContaining("at most 2 MB") } });
  });

  it("only admins and sales ops import", async () => {
    const res = await call(w.server, "ae", "POST", "/api/v1/accounts/import", { csv: "name\nX\n", dryRun: true });
    expect(res.statusCode).toBe(403);
  });
});

describe("CSV export", () => {
  it("exports the filtered accounts with the import's columns plus stage and segment; formula-like text is guarded", async () => {
    await createAccount(w.server, { name: "=HYPERLINK(\"http://evil\")", domains: ["evil-export.com"], crmId: "+CRM-EVIL", arr: 5 });
    await createAccount(w.server, { name: "Export, Inc.", domains: ["export-inc.com", "export-inc.io"], aeUserId: w.ae.id, strategic: true, contractStart: "2027-01-01", contractEnd: "2028-01-01" });
    const res = await call(w.server, "leadership", "GET", "/api/v1/accounts/export.csv?q=export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(res.body);
    expect(header?.join(",")).toBe(`${HEADER},stage,segment`);
    expect(rows).toEqual([
      [`'=HYPERLINK("http://evil")`, "evil-export.com", "'+CRM-EVIL", "Prospect", "", "5", "", "", "", "", "", "", "", "false", "", ""],
      ["Export, Inc.", "export-inc.com export-inc.io", "", "Prospect", "", "", "", "", "2027-01-01", "2028-01-01", "", w.ae.email, "", "true", "", ""],
    ]);
  });

  it("an exported file imports back unchanged (round trip)", async () => {
    const exported = (await call(w.server, "leadership", "GET", "/api/v1/accounts/export.csv")).body;
    const total = (await call(w.server, "leadership", "GET", "/api/v1/accounts?limit=1")).json<{ total: number }>().total;
    const before = await bookCounts(w.server);
    const dry = await importCsv(w.server, exported, true);
    expect(dry.json()).toEqual({ dryRun: true, rows: total, created: 0, updated: total, errors: [] });
    const real = await importCsv(w.server, exported, false);
    expect(real.statusCode).toBe(200);
    // Every value came back the same: no account changed, so no timeline event either.
    expect(await bookCounts(w.server)).toEqual(before);
    const again = (await call(w.server, "leadership", "GET", "/api/v1/accounts/export.csv")).body;
    expect(again).toBe(exported);
  });
});
