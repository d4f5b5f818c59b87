import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../support/test-context.js";
import { DEMO_INSTANCES } from "../../src/demo/demo-instances.js";
import { DEMO_PASSWORD, DEMO_TEAM } from "../../src/demo/demo-team.js";
import { DEMO_ACCOUNT_CRM_IDS, seedCustomerBook } from "../../src/demo/seed-accounts.js";
import { seedUsage } from "../../src/demo/seed-usage.js";
import { listAccounts, type ListAccountsOptions } from "../../src/domains/accounts/list-accounts.js";
import { getAccountDetail } from "../../src/domains/accounts/account-view.js";
import { taskBoard } from "../../src/domains/tasks/task-board.js";
import { overdueTasks } from "../../src/domains/tasks/overdue-tasks.js";
import { addDays, dayOf } from "../../src/domains/usage/days.js";
import { createUser } from "../../src/platform/auth/create-user.js";
import { systemActor } from "../../src/platform/timeline/actor.js";

/** The demo's production instances the book maps (the trials are not needed here, and fewer events keep it quick). */
const MAPPED = new Set(["acme", "initech", "hooli", "umbrella"]);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ now: new Date("2026-03-04T15:00:00Z") });
  for (const p of DEMO_TEAM) await createUser(ctx, { ...p, password: DEMO_PASSWORD, actor: systemActor("test") });
  await seedUsage(ctx, { instances: DEMO_INSTANCES.filter((i) => MAPPED.has(i.slug)) });
}, 240_000);
afterAll(async () => {
  await ctx.close();
});

const list = (filters: Partial<ListAccountsOptions> = {}) => listAccounts(ctx, { sort: "name", dir: "asc", limit: 200, offset: 0, ...filters });
const names = async (filters: Partial<ListAccountsOptions>) => (await list(filters)).items.map((a) => a.name);
const accountId = async (name: string) => (await ctx.db.selectFrom("accounts").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
const user = async (key: string) => ctx.db.selectFrom("users").select(["id", "name", "role"]).where("email", "like", `${key}@%`).executeTakeFirstOrThrow();
const today = () => dayOf(ctx.clock.now());

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ["accounts", "contacts", "tasks", "docs", "doc_versions", "account_stage_history", "timeline_events", "outbox", "licenses", "scheduler_firings"]) {
    out[t] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(t)}`.execute(ctx.db)).rows[0]?.n ?? 0);
  }
  return out;
}

describe("demo customer book", () => {
  it("L1–L5 the demo book has accounts in every lifecycle stage, played through the hand-off use cases", { timeout: 120_000 }, async () => {
    const seeded = await seedCustomerBook(ctx);
    expect(seeded).toMatchObject({ accounts: DEMO_ACCOUNT_CRM_IDS.length, skipped: false });
    const s = ctx.packs.current().lifecycle.stages;
    expect(await names({ stage: s.prospect })).toEqual(["Aperture Science", "Massive Dynamic"]);
    expect(await names({ stage: s.onboarding })).toEqual(["Gringotts Bank", "Oscorp Industries"]);
    expect(await names({ stage: s.adopting })).toEqual(["Hooli", "Initech"]);
    expect(await names({ stage: s.nurturing })).toEqual(["Acme Corporation"]);
    expect(await names({ stage: s.renewing })).toEqual(["Umbrella Corporation"]);
    // Every stage change is in the history with its reason, at the day it happened.
    const acme = await accountId("Acme Corporation");
    const history = await ctx.db.selectFrom("account_stage_history").select(["to_stage", "at"]).where("account_id", "=", acme).orderBy("at").execute();
    expect(history.map((h) => h.to_stage)).toEqual([s.prospect, s.onboarding, s.nurturing]);
    expect(dayOf(history[1]!.at)).toBe(addDays(today(), -150));
  });

  it("H1 the prospect 50 days from close is not in the book (nor the attrited customer, C2); the one 40 days out is, segmented", async () => {
    expect(await names({ inBook: false })).toEqual(["Northwind Traders", "Vehement Capital"]);
    const northwind = await getAccountDetail(ctx.db, ctx, await accountId("Northwind Traders"));
    expect(northwind).toMatchObject({ stage: null, taSupportLevel: null, expectedCloseDate: addDays(today(), 50) });
    const massive = await getAccountDetail(ctx.db, ctx, await accountId("Massive Dynamic"));
    expect(massive).toMatchObject({ segment: "Strategic", taSupportLevel: "Dedicated TA", ta: null, expectedCloseDate: addDays(today(), 40) });
    expect(await names({ segment: "Strategic" })).toEqual(["Massive Dynamic"]);
  });

  it("H3 the prospect 30 days out has its TA, the Handoff Doc at version 2 by its CE, and the CE task in progress", async () => {
    const id = await accountId("Aperture Science");
    const carlos = await user("carlos");
    const detail = await getAccountDetail(ctx.db, ctx, id);
    expect(detail.ta?.name).toBe((await user("tomas")).name);
    const doc = await ctx.db.selectFrom("docs").selectAll().where("account_id", "=", id).where("template", "=", "handoff").executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ version: 2, updated_by: carlos.name });
    expect(doc.body).toContain("Caroline Reed");
    const tasks = await ctx.db.selectFrom("tasks").selectAll().where("account_id", "=", id).where("source", "=", "H3.handoff").execute();
    expect(tasks).toMatchObject([{ assignee_user_id: carlos.id, status: "in_progress" }]);
  });

  it("H5 H6 managed cloud opens the cloud-ops production instance task; the kickoff plan made the TA's tasks", async () => {
    const oscorp = await accountId("Oscorp Industries");
    const open = await ctx.db.selectFrom("tasks").selectAll().where("account_id", "=", oscorp).where("status", "<>", "completed").execute();
    expect(open.filter((t) => t.source === "H5.close")).toMatchObject([{ team: "cloud_ops", status: "todo" }]);
    expect(open.filter((t) => t.source === "H6.kickoff").length).toBeGreaterThan(4);
    const detail = await getAccountDetail(ctx.db, ctx, oscorp);
    expect(detail).toMatchObject({ deployment: "cloud_managed", accountType: ctx.packs.current().accounts.types.customer });
    expect(detail.engagementPlan?.checkInCadence).toBe("Monthly");
    // Umbrella's request (long ago) was done by cloud ops.
    const umbrella = await ctx.db.selectFrom("tasks").select("status").where("account_id", "=", await accountId("Umbrella Corporation")).where("source", "=", "H5.close").execute();
    expect(umbrella).toEqual([{ status: "completed" }]);
  });

  it("H5 the closed account without tagged contacts raised the untagged-contacts alert; the others have roles", async () => {
    const gringotts = await getAccountDetail(ctx.db, ctx, await accountId("Gringotts Bank"));
    expect(gringotts.untaggedContacts).toBe(true);
    const alert = await ctx.db.selectFrom("timeline_events").select("rule_id").where("subject_id", "=", gringotts.id).where("kind", "=", "account.contacts_untagged").execute();
    expect(alert).toEqual([{ rule_id: "H5.contacts-untagged" }]);
    const untagged = (await list()).items.filter((a) => a.name !== "Gringotts Bank");
    for (const a of untagged) expect((await getAccountDetail(ctx.db, ctx, a.id)).untaggedContacts).toBe(false);
  });

  it("L2 L3 the low-usage customer missed the onboarding target and is Adopting; the override holds Hooli at Adopting", async () => {
    const l = ctx.packs.current().lifecycle;
    const initech = await getAccountDetail(ctx.db, ctx, await accountId("Initech"));
    expect(initech.instances.map((i) => i.slug)).toEqual(["initech"]);
    expect(initech.usage?.mauPerSeat).toBeGreaterThan(0);
    expect(initech.usage?.mauPerSeat).toBeLessThan(l.onboardingMauPerSeatTarget);
    expect(initech.onboardingTargetMissedAt && dayOf(initech.onboardingTargetMissedAt)).toBe(addDays(today(), -30));
    const hooli = await getAccountDetail(ctx.db, ctx, await accountId("Hooli"));
    expect(hooli.stageOverridden).toBe(true);
    expect(hooli.stageOverride).toMatchObject({ stage: l.stages.adopting, by: (await user("tomas")).name });
    // The evaluation keeps measuring under the override: Hooli meets both targets.
    expect(hooli.usage?.mauPerSeat).toBeGreaterThanOrEqual(l.adoptingMauPerSeatTarget);
  });

  it("list filters find the demo accounts: type, owner, renewal window, usage band, ARR and text", async () => {
    const types = ctx.packs.current().accounts.types;
    expect(await names({ type: types.attrited })).toEqual(["Vehement Capital"]);
    expect((await names({ type: types.customer })).length).toBe(6);
    const tomas = await user("tomas");
    expect(await names({ owner: tomas.id })).toEqual(["Acme Corporation", "Aperture Science", "Gringotts Bank", "Hooli", "Initech", "Oscorp Industries", "Umbrella Corporation", "Vehement Capital"]);
    expect(await names({ renewalFrom: today(), renewalTo: addDays(today(), 120) })).toEqual(["Umbrella Corporation"]);
    expect(await names({ usage: "over80" })).toContain("Acme Corporation");
    expect(await names({ usage: "none" })).toContain("Oscorp Industries");
    expect(await names({ usage: "under50" })).toEqual(expect.arrayContaining(["Initech", "Umbrella Corporation"]));
    expect(await names({ arrMin: 300_000 })).toEqual(["Acme Corporation", "Massive Dynamic", "Umbrella Corporation"]);
    expect(await names({ q: "umbrella-corp" })).toEqual(["Umbrella Corporation"]);
    expect((await list({ sort: "renewal", dir: "asc" })).items[0]?.name).toBe("Vehement Capital");
  });

  it("E7 user tasks fill every board column, some overdue, held by people of several roles", async () => {
    const board = await taskBoard(ctx, {});
    for (const column of board.columns) expect(column.items.filter((t) => t.source === "user").length, column.status).toBeGreaterThanOrEqual(2);
    const overdue = await overdueTasks(ctx);
    expect(overdue.total).toBeGreaterThanOrEqual(5);
    const roles = new Set<string>();
    for (const column of board.columns) {
      for (const t of column.items) {
        if (t.assignee) roles.add((await user(t.assignee.email.split("@")[0]!)).role);
      }
    }
    expect([...roles].sort()).toEqual(expect.arrayContaining(["ae", "ce", "leadership", "sales_ops", "support", "ta"]));
  });

  it("a second seed run adds nothing", async () => {
    const before = await counts();
    expect(await seedCustomerBook(ctx)).toMatchObject({ accounts: 0, skipped: true });
    expect(await counts()).toEqual(before);
  });
});
