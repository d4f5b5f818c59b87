import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountDetail } from "../../src/domains/accounts/account-view.js";
import { accountWorld, bookCounts, call, createAccount, timeline, type AccountWorld } from "./account-fixtures.js";

let w: AccountWorld;
beforeAll(async () => {
  w = await accountWorld();
});
afterAll(async () => {
  await w.close();
});

describe("accounts: create, read, edit", () => {
  it("an account is created with its deal and team; domains are lower-cased and the first is the primary one", async () => {
    const pack = w.server.ctx.packs.current();
    const created = await createAccount(w.server, {
      name: "Initech",
      domains: ["Initech.com", "initech.io", "INITECH.com"],
      crmId: "CRM-1",
      expectedCloseDate: "2027-01-15",
      arr: 120_000,
      seats: 300,
      developers: 250,
      contractStart: "2027-01-15",
      contractEnd: "2028-01-15",
      deployment: "cloud_managed",
      aeUserId: w.ae.id,
      ceUserId: w.ce.id,
      tpmUserId: w.tpm.id,
    });
    expect(created).toMatchObject({
      name: "Initech",
      domain: "initech.com",
      domains: ["initech.com", "initech.io"],
      crmId: "CRM-1",
      accountType: pack.accounts.types.prospect,
      customer: false,
      strategic: false,
      arr: 120_000,
      contractEnd: "2028-01-15",
      ae: { id: w.ae.id, name: w.ae.name, email: w.ae.email },
      ce: { id: w.ce.id, name: w.ce.name, email: w.ce.email },
      tpm: { id: w.tpm.id, name: w.tpm.name, email: w.tpm.email },
      ta: null,
      ie: null,
      inBook: false,
      stage: null,
      stageOverridden: false,
      stageOverride: null,
      usage: null,
      openTasks: 0,
      instances: [],
      contactsCount: 0,
      untaggedContacts: false,
    });
    const got = await call(w.server, "leadership", "GET", `/api/v1/accounts/${created.id}`);
    expect(got.json<AccountDetail>()).toEqual(created);
    expect(await timeline(w.server, created.id)).toEqual([expect.objectContaining({ kind: "account.created", summary: "Created account Initech (initech.com, initech.io)" })]);
  });

  it("PATCH changes only the fields given, null clears, and the timeline lists the changed fields", async () => {
    const a = await createAccount(w.server, { name: "Patchable", domains: ["patchable.com"], arr: 50_000, seats: 10, aeUserId: w.ae.id });
    const res = await call(w.server, "ae", "PATCH", `/api/v1/accounts/${a.id}`, { arr: 60_000, seats: null, aeUserId: w.ae2.id, domains: ["patchable.com", "patchable.dev"] });
    expect(res.statusCode).toBe(200);
    expect(res.json<AccountDetail>()).toMatchObject({ name: "Patchable", arr: 60_000, seats: null, ae: { id: w.ae2.id }, domains: ["patchable.com", "patchable.dev"] });
    const [latest] = await timeline(w.server, a.id);
    expect(latest).toMatchObject({ kind: "account.updated", summary: "Changed domains, ARR, seats and AE" });
    // Nothing to change: no event.
    await call(w.server, "ae", "PATCH", `/api/v1/accounts/${a.id}`, { arr: 60_000 });
    expect(await timeline(w.server, a.id)).toHaveLength(2);
  });

  it("the account type follows the pack; the customer flag the trial checks read is kept in step with it", async () => {
    const pack = w.server.ctx.packs.current();
    const a = await createAccount(w.server, { name: "Typed", accountType: pack.accounts.types.customer });
    expect(a).toMatchObject({ accountType: pack.accounts.types.customer, customer: true });
    const partner = await call(w.server, "ae", "PATCH", `/api/v1/accounts/${a.id}`, { accountType: pack.accounts.otherTypes[0] });
    expect(partner.json<AccountDetail>()).toMatchObject({ accountType: pack.accounts.otherTypes[0], customer: false });
    const bad = await call(w.server, "ae", "PATCH", `/api/v1/accounts/${a.id}`, { accountType: "Friend" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: ["body", "accountType"] }] } } });
  });

  it("H2 segmentation runs again when developers or ARR change on an account in the book", async () => {
    const a = await createAccount(w.server, { name: "Segmented", developers: 50, arr: 200_000 });
    await w.server.ctx.db.updateTable("accounts").set({ in_book_at: w.server.ctx.clock.now() }).where("id", "=", a.id).execute();
    const res = await call(w.server, "ae", "PATCH", `/api/v1/accounts/${a.id}`, { developers: 3000 });
    const byDevelopers = w.server.ctx.packs.current().segments.byDevelopers;
    expect(res.json<AccountDetail>().segment).toBe(byDevelopers[0]?.name);
    expect((await timeline(w.server, a.id)).map((e) => e.kind)).toContain("account.segmented");
  });
});

describe("accounts: bad input changes nothing", () => {
  const expectUnchanged = async (before: Record<string, number>) => expect(await bookCounts(w.server)).toEqual(before);

  it("an unknown or inactive owner is refused (400) naming the field", async () => {
    const before = await bookCounts(w.server);
    const unknown = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Nobody's", aeUserId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: ["body", "aeUserId"], message: "is not an active user" }] } } });
    const inactive = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Left", aeUserId: w.gone.id });
    expect(inactive.json()).toMatchObject({ error: { details: { issues: [{ path: ["body", "aeUserId"] }] } } });
    const wrongRole = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Wrong", ceUserId: w.ae.id });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json()).toMatchObject({ error: { details: { issues: [{ path: ["body", "ceUserId"], message: `${w.ae.name} is not in the ce role` }] } } });
    await expectUnchanged(before);
  });

  it("impossible dates are refused (400): close after the renewal, contract end on or before its start", async () => {
    const before = await bookCounts(w.server);
    const late = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Late", expectedCloseDate: "2028-02-01", contractStart: "2027-01-01", contractEnd: "2028-01-01" });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: ["body", "expectedCloseDate"] }] } } });
    const backwards = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Backwards", contractStart: "2027-01-01", contractEnd: "2027-01-01" });
    expect(backwards.json()).toMatchObject({ error: { details: { issues: [{ path: ["body", "contractEnd"] }] } } });
    const notADay = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Feb", contractEnd: "2027-02-30" });
    expect(notADay.statusCode).toBe(400);
    await expectUnchanged(before);

    // PATCH checks against the stored dates too.
    const a = await createAccount(w.server, { name: "Dated", contractStart: "2027-01-01", contractEnd: "2028-01-01" });
    const patch = await call(w.server, "ae", "PATCH", `/api/v1/accounts/${a.id}`, { expectedCloseDate: "2028-06-01" });
    expect(patch.json()).toMatchObject({ error: { details: { issues: [{ path: ["body", "expectedCloseDate"] }] } } });
  });

  it("a domain of another account is refused (409 already_exists) naming the domain and the account", async () => {
    const owner = await createAccount(w.server, { name: "Globex", domains: ["globex.com", "globex.net"] });
    const before = await bookCounts(w.server);
    const res = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Globex copy", domains: ["new-globex.com", "GLOBEX.net"] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: "already_exists", details: { field: "domains", value: "globex.net", accountId: owner.id, accountName: "Globex" } } });
    expect(res.json<{ error: { message: string } }>().error.message).toContain("globex.net already belongs to account Globex");
    await expectUnchanged(before);
    const other = await createAccount(w.server, { name: "Hooli" });
    const patch = await call(w.server, "ae", "PATCH", `/api/v1/accounts/${other.id}`, { domains: ["globex.com"] });
    expect(patch.statusCode).toBe(409);
  });

  it("a malformed domain is refused (400) and strict bodies refuse unknown fields", async () => {
    const before = await bookCounts(w.server);
    const bad = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Odd", domains: ["not a domain"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { details: { issues: [{ path: ["body", "domains"] }] } } });
    const extra = await call(w.server, "sales_ops", "POST", "/api/v1/accounts", { name: "Extra", stage: "3. Nurturing" });
    expect(extra.statusCode).toBe(400);
    await expectUnchanged(before);
  });

  it("leadership reads the book but does not edit it", async () => {
    const res = await call(w.server, "leadership", "POST", "/api/v1/accounts", { name: "Nope" });
    expect(res.statusCode).toBe(403);
  });
});

describe("accounts: instances, stage history, search", () => {
  it("an instance is mapped to the account (and moved from another one)", async () => {
    const a = await createAccount(w.server, { name: "Mapped" });
    const b = await createAccount(w.server, { name: "Mapped Too" });
    const inst = await call(w.server, "growth", "POST", "/api/v1/instances", { slug: "mapped-1", name: "Mapped prod", kind: "production", seats: 100 });
    const instanceId = inst.json<{ instance: { id: string } }>().instance.id;
    const first = await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/instances`, { instanceId });
    expect(first.json<AccountDetail>().instances).toEqual([{ id: instanceId, slug: "mapped-1", name: "Mapped prod", kind: "production", status: "active", url: null, seats: 100 }]);
    const moved = await call(w.server, "ae", "POST", `/api/v1/accounts/${b.id}/instances`, { instanceId });
    expect(moved.json<AccountDetail>().instances.map((i) => i.id)).toEqual([instanceId]);
    expect((await call(w.server, "ae", "GET", `/api/v1/accounts/${a.id}`)).json<AccountDetail>().instances).toEqual([]);
    expect((await timeline(w.server, a.id))[0]?.summary).toBe("Instance mapped-1 moved to account Mapped Too");
    const missing = await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/instances`, { instanceId: "00000000-0000-4000-8000-000000000000" });
    expect(missing.statusCode).toBe(404);
  });

  it("the stage history lists moves newest first with reasons", async () => {
    const a = await createAccount(w.server, { name: "Staged" });
    const at = w.server.ctx.clock.now();
    await w.server.ctx.db
      .insertInto("account_stage_history")
      .values([
        { account_id: a.id, at, from_stage: null, to_stage: "0. Prospect", reason: "Support level set", actor_label: "Lee Leader" },
        { account_id: a.id, at: new Date(at.getTime() + 1000), from_stage: "0. Prospect", to_stage: "1. Onboarding", reason: "Closed", actor_label: "rule L.evaluate", manual: false },
      ])
      .execute();
    const res = await call(w.server, "leadership", "GET", `/api/v1/accounts/${a.id}/stage-history`);
    expect(res.json()).toEqual({
      items: [
        { at: new Date(at.getTime() + 1000).toISOString(), fromStage: "0. Prospect", toStage: "1. Onboarding", reason: "Closed", manual: false, actor: "rule L.evaluate" },
        { at: at.toISOString(), fromStage: null, toStage: "0. Prospect", reason: "Support level set", manual: false, actor: "Lee Leader" },
      ],
    });
  });

  it("global search finds accounts by name and by any of their domains", async () => {
    const a = await createAccount(w.server, { name: "Vandelay Industries", domains: ["vandelay.com", "latex-imports.io"] });
    const byName = await call(w.server, "leadership", "GET", "/api/v1/search?q=vandelay");
    expect(byName.json<{ items: { type: string; id: string }[] }>().items).toContainEqual(expect.objectContaining({ type: "account", id: a.id, url: `/accounts/${a.id}` }));
    const byDomain = await call(w.server, "leadership", "GET", "/api/v1/search?q=latex-imp");
    expect(byDomain.json<{ items: { type: string; id: string }[] }>().items.filter((i) => i.type === "account").map((i) => i.id)).toEqual([a.id]);
  });
});
