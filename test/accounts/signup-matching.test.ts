import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignupAnswer } from "../trials/trial-fixtures.js";
import { leadRow, person, signup } from "../trials/trial-fixtures.js";
import { accountWorld, call, createAccount, type AccountWorld } from "./account-fixtures.js";

let w: AccountWorld;
beforeAll(async () => {
  w = await accountWorld();
});
afterAll(async () => {
  await w.close();
});

describe("trial signups meet the account book", () => {
  it("T4.1 a trial request from any of an account's domains joins that account (its AE and CE with it)", async () => {
    const pack = w.server.ctx.packs.current();
    const account = await createAccount(w.server, { name: "Massive Dynamic", domains: ["massive.com", "massive-dynamic.io"], accountType: pack.accounts.types.customer, aeUserId: w.ae.id, ceUserId: w.ce.id });
    const res = await signup(w.server, person("nina@massive-dynamic.io", "Massive Dynamic"));
    expect(res.statusCode).toBe(201);
    const lead = await leadRow(w.server, res.json<SignupAnswer>().requestId ?? "");
    expect(lead).toMatchObject({ account_id: account.id, ae_user_id: w.ae.id, ce_user_id: w.ce.id });
    expect(lead.checks.map((c) => c.id)).toContain("existing_customer");

    // A domain moved to another account is matched there from then on.
    const other = await createAccount(w.server, { name: "Massive Labs" });
    await call(w.server, "ae", "PATCH", `/api/v1/accounts/${account.id}`, { domains: ["massive.com"] });
    await call(w.server, "ae", "PATCH", `/api/v1/accounts/${other.id}`, { domains: ["massive-dynamic.io"] });
    const later = await signup(w.server, person("omar@massive-dynamic.io", "Massive Dynamic"));
    expect((await leadRow(w.server, later.json<SignupAnswer>().requestId ?? "")).account_id).toBe(other.id);
  });
});
