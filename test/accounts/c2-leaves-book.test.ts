import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountWorld, call, createAccount, listAccounts, names, timeline, type AccountWorld } from "./account-fixtures.js";

let w: AccountWorld;
beforeAll(async () => {
  w = await accountWorld();
});
afterAll(async () => {
  await w.close();
});

describe("account type changes", () => {
  it("C2 an account typed (5) Attrited Customer leaves the active book: no stage, out of the in-book list", async () => {
    const pack = w.server.ctx.packs.current();
    const account = await createAccount(w.server, { name: "Churnco", domains: ["churnco.example"], developers: 300, arr: 80_000 });
    const level = await call(w.server, "leadership", "POST", `/api/v1/accounts/${account.id}/support-level`, { level: pack.accounts.taSupportLevels[0] });
    expect(level.statusCode, level.body).toBe(200);
    expect(level.json()).toMatchObject({ inBook: true, stage: pack.lifecycle.stages.prospect });

    const res = await call(w.server, "ae", "PATCH", `/api/v1/accounts/${account.id}`, { accountType: pack.accounts.types.attrited });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accountType: pack.accounts.types.attrited, inBook: false, stage: null, customer: false });
    expect(names((await listAccounts(w.server, "inBook=true")).items)).not.toContain("Churnco");
    expect((await timeline(w.server, account.id)).map((e) => e.kind)).toContain("account.left_book");
  });
});
