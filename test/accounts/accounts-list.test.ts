import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountWorld, call, createAccount, listAccounts, names, type AccountWorld } from "./account-fixtures.js";

let w: AccountWorld;
const ids: Record<string, string> = {};

/**
 * Five accounts with distinct deal, team, book and usage facts; book fields the hand-off and
 * lifecycle rules own are written straight to the rows.
 */
beforeAll(async () => {
  w = await accountWorld();
  const db = w.server.ctx.db;
  const now = w.server.ctx.clock.now();
  const seed = [
    { name: "alpha", domains: ["alpha.com", "alpha-labs.io"], arr: 300_000, contractEnd: "2027-03-01", expectedCloseDate: "2026-12-01", aeUserId: w.ae.id },
    { name: "Bravo", domains: ["bravo.com"], arr: 40_000, contractEnd: "2027-06-01", expectedCloseDate: "2027-01-10", aeUserId: w.ae2.id, tpmUserId: w.tpm.id },
    { name: "charlie", domains: ["charlie.com"], arr: 40_000, contractEnd: "2026-12-15", ceUserId: w.ce.id },
    { name: "Delta", domains: ["delta.org"], arr: null, accountType: "Partner" },
    { name: "echo", domains: ["echo.com"], arr: 900_000, contractEnd: "2028-01-01", aeUserId: w.ae.id },
  ];
  for (const s of seed) ids[s.name] = (await createAccount(w.server, s)).id;
  const book = (name: string, values: Record<string, unknown>) => db.updateTable("accounts").set(values).where("id", "=", ids[name] ?? "").execute();
  await book("alpha", { in_book_at: now, segment: "Enterprise", stage: "2. Adopting", ta_user_id: w.ta.id, usage_mau: 90, usage_mau_per_seat: 0.3, usage_dau_per_mau: 0.2, usage_at: now });
  await book("Bravo", { in_book_at: now, segment: "SMB", stage: "1. Onboarding", usage_mau: 60, usage_mau_per_seat: 0.6, usage_dau_per_mau: 0.4, usage_at: now, stage_override: "1. Onboarding" });
  await book("charlie", { in_book_at: now, segment: "Enterprise", stage: "4. Renewing", usage_mau: 85, usage_mau_per_seat: 0.85, usage_dau_per_mau: 0.5, usage_at: now });
  await book("echo", { usage_mau: 50, usage_mau_per_seat: 0.5, usage_dau_per_mau: 0.3, usage_at: now });
  // Open tasks: two open on alpha, one completed and one archived (neither counts).
  const task = (title: string, status: "todo" | "in_progress" | "completed", archived = false) =>
    db
      .insertInto("tasks")
      .values({ id: crypto.randomUUID(), title, status, account_id: ids.alpha ?? "", created_by: "test", created_at: now, updated_at: now, archived_at: archived ? now : null })
      .execute();
  await task("one", "todo");
  await task("two", "in_progress");
  await task("done", "completed");
  await task("gone", "todo", true);
});
afterAll(async () => {
  await w.close();
});

describe("accounts list", () => {
  it("lists every account by name (case-insensitive) with the total, team, usage and open tasks", async () => {
    const page = await listAccounts(w.server, "");
    expect(page).toMatchObject({ total: 5, limit: 50, offset: 0 });
    expect(names(page.items)).toEqual(["alpha", "Bravo", "charlie", "Delta", "echo"]);
    const alpha = page.items[0];
    expect(alpha).toMatchObject({
      domain: "alpha.com",
      inBook: true,
      segment: "Enterprise",
      stage: "2. Adopting",
      stageOverridden: false,
      ae: { id: w.ae.id, name: w.ae.name, email: w.ae.email },
      ta: { id: w.ta.id },
      ce: null,
      usage: { mau: 90, mauPerSeat: 0.3, dauPerMau: 0.2 },
      openTasks: 2,
    });
    expect(page.items[1]).toMatchObject({ name: "Bravo", stageOverridden: true });
    expect(page.items[3]).toMatchObject({ name: "Delta", usage: null, openTasks: 0 });
  });

  it("filters: q on name or any domain, segment, stage, type, in book, renewal window, ARR range", async () => {
    expect(names((await listAccounts(w.server, "q=ALPHA-LABS")).items)).toEqual(["alpha"]);
    expect(names((await listAccounts(w.server, "q=.com")).items)).toEqual(["alpha", "Bravo", "charlie", "echo"]);
    expect(names((await listAccounts(w.server, "segment=Enterprise")).items)).toEqual(["alpha", "charlie"]);
    expect(names((await listAccounts(w.server, `stage=${encodeURIComponent("4. Renewing")}`)).items)).toEqual(["charlie"]);
    expect(names((await listAccounts(w.server, "type=Partner")).items)).toEqual(["Delta"]);
    expect(names((await listAccounts(w.server, "inBook=true")).items)).toEqual(["alpha", "Bravo", "charlie"]);
    expect(names((await listAccounts(w.server, "inBook=false")).items)).toEqual(["Delta", "echo"]);
    expect(names((await listAccounts(w.server, "renewalFrom=2026-12-15&renewalTo=2027-03-01")).items)).toEqual(["alpha", "charlie"]);
    expect(names((await listAccounts(w.server, "arrMin=40000&arrMax=300000")).items)).toEqual(["alpha", "Bravo", "charlie"]);
    const combined = await listAccounts(w.server, "segment=Enterprise&arrMin=100000");
    expect(combined).toMatchObject({ total: 1, items: [{ name: "alpha" }] });
  });

  it("the owner filter matches a person in any seat: AE, CE, TA, TPM or IE", async () => {
    expect(names((await listAccounts(w.server, `owner=${w.ae.id}`)).items)).toEqual(["alpha", "echo"]);
    expect(names((await listAccounts(w.server, `owner=${w.ce.id}`)).items)).toEqual(["charlie"]);
    expect(names((await listAccounts(w.server, `owner=${w.ta.id}`)).items)).toEqual(["alpha"]);
    expect(names((await listAccounts(w.server, `owner=${w.tpm.id}`)).items)).toEqual(["Bravo"]);
  });

  it("usage bands on MAU per seat: under 50%, 50–80%, 80% and over, none yet", async () => {
    expect(names((await listAccounts(w.server, "usage=under50")).items)).toEqual(["alpha"]);
    expect(names((await listAccounts(w.server, "usage=50to80")).items)).toEqual(["Bravo", "echo"]);
    expect(names((await listAccounts(w.server, "usage=over80")).items)).toEqual(["charlie"]);
    expect(names((await listAccounts(w.server, "usage=none")).items)).toEqual(["Delta"]);
  });

  it("sorts by each key, empty values last, ties broken by id", async () => {
    const tie = [ids.Bravo ?? "", ids.charlie ?? ""].sort();
    const arrAsc = (await listAccounts(w.server, "sort=arr")).items;
    expect(arrAsc.slice(0, 2).map((i) => i.id)).toEqual(tie);
    expect(names(arrAsc.slice(2))).toEqual(["alpha", "echo", "Delta"]);
    const arrDesc = (await listAccounts(w.server, "sort=arr&dir=desc")).items;
    expect(names(arrDesc.slice(0, 2))).toEqual(["echo", "alpha"]);
    expect(arrDesc.slice(2, 4).map((i) => i.id)).toEqual([...tie].reverse());
    expect(names(arrDesc.slice(4))).toEqual(["Delta"]);
    expect(names((await listAccounts(w.server, "sort=renewal")).items)).toEqual(["charlie", "alpha", "Bravo", "echo", "Delta"]);
    expect(names((await listAccounts(w.server, "sort=close")).items.slice(0, 2))).toEqual(["alpha", "Bravo"]);
    expect(names((await listAccounts(w.server, "sort=stage")).items.slice(0, 3))).toEqual(["Bravo", "alpha", "charlie"]);
    expect(names((await listAccounts(w.server, "sort=usage&dir=desc")).items)).toEqual(["charlie", "Bravo", "echo", "alpha", "Delta"]);
    expect(names((await listAccounts(w.server, "sort=name&dir=desc")).items)).toEqual(["echo", "Delta", "charlie", "Bravo", "alpha"]);
    const bySegment = names((await listAccounts(w.server, "sort=segment")).items);
    expect(bySegment.slice(-2).sort()).toEqual(["Delta", "echo"]);
  });

  it("pages with limit and offset; the total stays the filter's count", async () => {
    const first = await listAccounts(w.server, "limit=2");
    const second = await listAccounts(w.server, "limit=2&offset=2");
    const third = await listAccounts(w.server, "limit=2&offset=4");
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect([...names(first.items), ...names(second.items), ...names(third.items)]).toEqual(["alpha", "Bravo", "charlie", "Delta", "echo"]);
    const bad = await call(w.server, "ae", "GET", "/api/v1/accounts?limit=500");
    expect(bad.statusCode).toBe(400);
    const badSort = await call(w.server, "ae", "GET", "/api/v1/accounts?sort=colour");
    expect(badSort.statusCode).toBe(400);
  });
});
