import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provisioningDueAt } from "../../src/platform/calendar/business-calendar.js";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { makeInstance, sendPing } from "../usage/usage-fixtures.js";
import { makeGrowthUser, makeLead, makeTrial } from "./report-fixtures.js";
import { report } from "./report-client.js";

const MIN = 60_000;
const DAY = 86_400_000;
let server: TestServer;
let pending: string;
let running: string;
let runningInstance: string;

beforeAll(async () => {
  server = await createTestServer(); // clock: Monday 2026-01-05 09:00 UTC
  const db = server.ctx.db;
  const now = server.ctx.clock.now();
  const owner = await makeGrowthUser(db, "Grace Growth");

  // Signed up now, in working hours: X due one working hour later (10:00).
  const lead = await makeLead(db, { createdAt: now, status: "Approved trial", qualifiedAt: now, company: "Acme" });
  pending = await makeTrial(db, {
    leadId: lead,
    state: "provisioning",
    slug: "acme",
    company: "Acme",
    approvedAt: now,
    growthUserId: owner,
    provisioningDueAt: provisioningDueAt(server.ctx.packs.current(), now),
  });

  // Handed off 10 days ago, provisioned within its SLA, with a used instance.
  const inst = await makeInstance(server, { slug: "globex", kind: "trial" });
  runningInstance = inst.id;
  expect((await sendPing(server, inst.token, { totalUsers: 51, mau: 12, codeHostsConfigured: 1 })).statusCode).toBeLessThan(300);
  const signup = new Date(now.getTime() - 12 * DAY);
  const runningLead = await makeLead(db, { createdAt: signup, status: "Trial Instance Handed Off", qualifiedAt: signup, handedOffAt: signup });
  running = await makeTrial(db, {
    leadId: runningLead,
    state: "running",
    slug: "globex",
    company: "Globex",
    approvedAt: signup,
    instanceId: inst.id,
    provisioningDueAt: new Date(signup.getTime() + 60 * MIN),
    readyAt: new Date(signup.getTime() + 30 * MIN),
    endsAt: new Date(now.getTime() + 20 * DAY),
  });

  // Not ongoing: queued (no slot yet) and converted.
  for (const state of ["queued", "converted"] as const) {
    const l = await makeLead(db, { createdAt: signup });
    await makeTrial(db, { leadId: l, state, approvedAt: signup });
  }
  // Not in the usage overview: a production instance and a terminated trial instance.
  await makeInstance(server, { slug: "prod-co", kind: "production" });
  const gone = await makeInstance(server, { slug: "gone", kind: "trial" });
  await db.updateTable("instances").set({ status: "terminated" }).where("id", "=", gone.id).execute();
});
afterAll(async () => {
  await server.close();
});

const trialIn = async (id: string) => {
  const t = (await report(server)).ongoingTrials.find((x) => x.id === id);
  if (!t) throw new Error(`trial ${id} is not in the report`);
  return t;
};

describe("T12 ongoing trials and usage overview", () => {
  it("T12 lists trials holding a slot, oldest approval first, with owner, age, days left and usage", async () => {
    const r = await report(server);
    expect(r.ongoingTrials.map((t) => t.id)).toEqual([running, pending]);
    expect(await trialIn(running)).toMatchObject({
      company: "Globex",
      slug: "globex",
      state: "running",
      owner: null,
      ageDays: 12,
      daysLeft: 20,
      provisioningSla: { state: "met", workingMsLeft: 30 * MIN, workingMsAllowed: 60 * MIN },
      usage: { users: 51, mau: 12, unused: false, pql: true, pqlCriteria: ["Over 50 users", "Over 10 monthly active users"] },
    });
    expect(await trialIn(pending)).toMatchObject({ company: "Acme", owner: { name: "Grace Growth" }, ageDays: 0, daysLeft: null, usage: null });
  });

  it("X T12 the provisioning SLA clock turns amber under 25% of the working hour left, then red when overdue", async () => {
    expect((await trialIn(pending)).provisioningSla).toMatchObject({ state: "ok", workingMsLeft: 60 * MIN, workingMsAllowed: 60 * MIN, dueAt: "2026-01-05T10:00:00.000Z" });
    server.ctx.clock.advance(44 * MIN);
    expect((await trialIn(pending)).provisioningSla).toMatchObject({ state: "ok", workingMsLeft: 16 * MIN });
    server.ctx.clock.advance(2 * MIN);
    expect((await trialIn(pending)).provisioningSla).toMatchObject({ state: "amber", workingMsLeft: 14 * MIN });
    server.ctx.clock.advance(74 * MIN); // 11:00
    expect((await trialIn(pending)).provisioningSla).toMatchObject({ state: "red", workingMsLeft: -60 * MIN });
  });

  it("X T12 once ready late, the clock shows missed", async () => {
    await server.ctx.db.updateTable("trials").set({ ready_at: server.ctx.clock.now(), state: "running" }).where("id", "=", pending).execute();
    expect((await trialIn(pending)).provisioningSla).toMatchObject({ state: "missed" });
  });

  it("T12 usage overview lists active trial instances only, with their trial and usage", async () => {
    const r = await report(server);
    expect(r.usageOverview.truncated).toBe(false);
    expect(r.usageOverview.items.map((i) => i.slug)).toEqual(["globex"]);
    expect(r.usageOverview.items[0]).toMatchObject({ id: runningInstance, trial: { id: running, state: "running" }, usage: { users: 51, pql: true } });
  });
});
