import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountDetail } from "../../src/domains/accounts/account-view.js";
import type { Contact } from "../../src/domains/accounts/contact-view.js";
import { accountWorld, bookCounts, call, createAccount, timeline, type AccountWorld } from "./account-fixtures.js";

let w: AccountWorld;
beforeAll(async () => {
  w = await accountWorld();
});
afterAll(async () => {
  await w.close();
});

describe("contacts (X)", () => {
  it("X contacts carry the roles of the pack (multi-select); the first role tags the contact", async () => {
    const [champion, , , executive, buyer] = w.server.ctx.packs.current().accounts.contactRoles;
    const a = await createAccount(w.server, { name: "Contacted" });
    const add = await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/contacts`, { name: "Pat Buyer", email: "pat@contacted.com", title: "VP Eng", roles: [buyer, champion] });
    expect(add.statusCode).toBe(201);
    const pat = add.json<Contact>();
    const now = w.server.ctx.clock.now().toISOString();
    // Roles come back in the pack's order, each once.
    expect(pat).toMatchObject({ accountId: a.id, name: "Pat Buyer", email: "pat@contacted.com", title: "VP Eng", roles: [champion, buyer], taggedAt: now });

    const untagged = (await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/contacts`, { name: "Sam Later" })).json<Contact>();
    expect(untagged).toMatchObject({ roles: [], taggedAt: null, email: null });
    expect((await call(w.server, "ae", "GET", `/api/v1/accounts/${a.id}`)).json<AccountDetail>()).toMatchObject({ contactsCount: 2, untaggedContacts: true });

    w.server.ctx.clock.advance(3_600_000);
    const tagged = await call(w.server, "ae", "PATCH", `/api/v1/contacts/${untagged.id}`, { roles: [executive] });
    expect(tagged.json<Contact>()).toMatchObject({ roles: [executive], taggedAt: w.server.ctx.clock.now().toISOString() });
    // Changing roles later keeps the first tag time.
    w.server.ctx.clock.advance(3_600_000);
    const retagged = await call(w.server, "ae", "PATCH", `/api/v1/contacts/${untagged.id}`, { roles: [champion, executive], title: "CTO" });
    expect(retagged.json<Contact>()).toMatchObject({ roles: [champion, executive], title: "CTO", taggedAt: tagged.json<Contact>().taggedAt });
    expect((await call(w.server, "ae", "GET", `/api/v1/accounts/${a.id}`)).json<AccountDetail>().untaggedContacts).toBe(false);

    const list = await call(w.server, "leadership", "GET", `/api/v1/accounts/${a.id}/contacts`);
    expect(list.json<{ items: Contact[] }>().items.map((c) => c.name)).toEqual(["Pat Buyer", "Sam Later"]);
    const kinds = (await timeline(w.server, a.id)).map((e) => e.summary);
    expect(kinds).toContain(`Contact Pat Buyer added (${champion}, ${buyer})`);
  });

  it("a role the pack does not know is refused (400), and nothing is stored", async () => {
    const a = await createAccount(w.server, { name: "Roleless" });
    const before = await bookCounts(w.server);
    const res = await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/contacts`, { name: "Kim", roles: ["Wizard"] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: "validation_failed", details: { issues: [{ path: ["body", "roles"] }] } } });
    expect(await bookCounts(w.server)).toEqual(before);
  });

  it("one contact per email on an account (409); the same email on another account is fine", async () => {
    const a = await createAccount(w.server, { name: "Emails" });
    const b = await createAccount(w.server, { name: "Emails Too" });
    await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/contacts`, { name: "Lee", email: "lee@emails.com" });
    const twice = await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/contacts`, { name: "Lee again", email: "LEE@emails.com" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: "already_exists", details: { field: "email" } } });
    expect((await call(w.server, "ae", "POST", `/api/v1/accounts/${b.id}/contacts`, { name: "Lee", email: "lee@emails.com" })).statusCode).toBe(201);
    const other = (await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/contacts`, { name: "Max", email: "max@emails.com" })).json<Contact>();
    const clash = await call(w.server, "ae", "PATCH", `/api/v1/contacts/${other.id}`, { email: "lee@emails.com" });
    expect(clash.statusCode).toBe(409);
  });

  it("a contact is removed (204) and the timeline keeps who it was", async () => {
    const a = await createAccount(w.server, { name: "Removal" });
    const c = (await call(w.server, "ae", "POST", `/api/v1/accounts/${a.id}/contacts`, { name: "Gone Soon" })).json<Contact>();
    expect((await call(w.server, "ae", "DELETE", `/api/v1/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await call(w.server, "ae", "GET", `/api/v1/accounts/${a.id}/contacts`)).json<{ items: Contact[] }>().items).toEqual([]);
    expect((await timeline(w.server, a.id))[0]?.summary).toBe("Contact Gone Soon removed");
    expect((await call(w.server, "ae", "DELETE", `/api/v1/contacts/${c.id}`)).statusCode).toBe(404);
  });
});

describe("saved views", () => {
  it("each person sees their own views and the shared ones; only the owner deletes", async () => {
    const me = await w.server.signInAs("ae");
    const colleague = await w.server.signInAs("ta");
    const mine = await call(w.server, me, "POST", "/api/v1/saved-views", { page: "accounts", name: "My renewals", query: { sort: "renewal", owner: me.userId } });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ page: "accounts", name: "My renewals", shared: false, mine: true, query: { sort: "renewal" } });
    const shared = await call(w.server, colleague, "POST", "/api/v1/saved-views", { page: "accounts", name: "Enterprise book", query: { segment: "Enterprise" }, shared: true });
    await call(w.server, colleague, "POST", "/api/v1/saved-views", { page: "accounts", name: "Private", query: {} });
    await call(w.server, colleague, "POST", "/api/v1/saved-views", { page: "tasks", name: "Shared tasks", query: {}, shared: true });

    const seen = await call(w.server, me, "GET", "/api/v1/saved-views?page=accounts");
    expect(seen.json<{ items: { name: string; mine: boolean }[] }>().items.map((v) => [v.name, v.mine])).toEqual([
      ["Enterprise book", false],
      ["My renewals", true],
    ]);
    const dup = await call(w.server, me, "POST", "/api/v1/saved-views", { page: "accounts", name: "MY RENEWALS", query: {} });
    expect(dup.statusCode).toBe(409);

    const notMine = await call(w.server, me, "DELETE", `/api/v1/saved-views/${shared.json<{ id: string }>().id}`);
    expect(notMine.statusCode).toBe(403);
    expect((await call(w.server, me, "DELETE", `/api/v1/saved-views/${mine.json<{ id: string }>().id}`)).statusCode).toBe(204);
    expect((await call(w.server, me, "GET", "/api/v1/saved-views?page=accounts")).json<{ items: { name: string }[] }>().items.map((v) => v.name)).toEqual(["Enterprise book"]);
    const unknownBody = await call(w.server, me, "POST", "/api/v1/saved-views", { page: "accounts", name: "x", query: {}, owner: "someone" });
    expect(unknownBody.statusCode).toBe(400);
  });
});
