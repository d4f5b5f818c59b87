import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPack } from "../../src/pack/default-pack.js";
import { validatePack } from "../../src/platform/pack/load-pack.js";
import type { Task } from "../../src/domains/tasks/task-view.js";
import { DAY_MS } from "../../src/platform/clock/clock.js";
import { createTestServer, type BrowserSession, type TestServer } from "../support/test-server.js";
import { call, createTask, makeAccount, patchTask } from "./task-fixtures.js";

interface MyDay {
  overdue: Task[];
  today: Task[];
  upcoming: Task[];
  team: Task[];
}
interface Overdue {
  items: Task[];
  total: number;
  byAssignee: { assignee: { id: string; name: string } | null; team: string | null; count: number }[];
}

let server: TestServer;
let ta: BrowserSession;
let other: BrowserSession;

// The clock starts Monday 2026-01-05 09:00 UTC; the business calendar is moved to Los Angeles,
// where that instant is still Monday 01:00, so "today" is 2026-01-05 there.
beforeAll(async () => {
  // Sessions outlive the simulated week the tests move through.
  server = await createTestServer({ now: new Date("2026-01-05T09:00:00Z"), config: { sessionIdleMinutes: 30 * 24 * 60, sessionAbsoluteHours: 30 * 24 } });
  const pack = structuredClone(defaultPack);
  pack.businessCalendar.timeZone = "America/Los_Angeles";
  server.ctx.packs.useOnly(validatePack(pack, "test"));
  ta = await server.signInAs("ta");
  other = await server.signInAs("ce");
});
afterAll(async () => {
  await server.close();
});

const titles = (tasks: Task[]) => tasks.map((t) => t.title);

async function myDay(who: BrowserSession): Promise<MyDay> {
  const res = await call(server, who, "GET", "/api/v1/tasks/my-day");
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MyDay>();
}

describe("my day", () => {
  it("buckets my open tasks into overdue, today and the next 7 days, plus my team's unassigned tasks, and moves them as the days pass", async () => {
    const account = await makeAccount(server, { name: "Acme" });
    const mine = (title: string, dueOn: string | null) => createTask(server, ta, { title, dueOn, assigneeUserId: ta.userId, accountId: account });
    await mine("yesterday", "2026-01-04");
    await mine("today", "2026-01-05");
    await mine("in three days", "2026-01-08");
    await mine("in seven days", "2026-01-12");
    await mine("in eight days", "2026-01-13");
    await mine("no due date", null);
    const done = await mine("done yesterday", "2026-01-04");
    await patchTask(server, ta, done.id, { status: "completed" });
    await createTask(server, other, { title: "TA team task", team: "ta", dueOn: "2026-01-06" });
    await createTask(server, other, { title: "CE team task", team: "ce" });
    await createTask(server, other, { title: "someone else's", assigneeUserId: other.userId, dueOn: "2026-01-05" });

    let day = await myDay(ta);
    expect(titles(day.overdue)).toEqual(["yesterday"]);
    expect(day.overdue[0]?.overdue).toBe(true);
    expect(titles(day.today)).toEqual(["today"]);
    expect(day.today[0]?.overdue).toBe(false);
    expect(titles(day.upcoming)).toEqual(["in three days", "in seven days"]);
    expect(titles(day.team)).toEqual(["TA team task"]);

    // Wednesday 2026-01-07 in Los Angeles.
    server.ctx.clock.advance(2 * DAY_MS);
    day = await myDay(ta);
    expect(titles(day.overdue)).toEqual(["yesterday", "today"]);
    expect(titles(day.today)).toEqual([]);
    expect(titles(day.upcoming)).toEqual(["in three days", "in seven days", "in eight days"]);

    const ceDay = await myDay(other);
    expect(titles(ceDay.today)).toEqual([]);
    expect(titles(ceDay.overdue)).toEqual(["someone else's"]);
    expect(titles(ceDay.team)).toEqual(["CE team task"]);
  });

  it("counts today in the business time zone, not UTC", async () => {
    const t = await createTask(server, ta, { title: "due on the LA day", assigneeUserId: ta.userId, dueOn: "2026-01-09" });
    // 2026-01-10T05:00Z is still Friday 2026-01-09 21:00 in Los Angeles.
    server.ctx.clock.set(new Date("2026-01-10T05:00:00Z"));
    expect(titles((await myDay(ta)).today)).toContain(t.title);
    server.ctx.clock.set(new Date("2026-01-10T09:00:00Z"));
    expect(titles((await myDay(ta)).overdue)).toContain(t.title);
  });

  it("refuses my-day to an API token (no person) with a clear 400", async () => {
    const res = await call(server, "admin", "GET", "/api/v1/tasks/my-day");
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/API token/);
  });

  it("lists open tasks due this week, today and overdue with the due filter", async () => {
    const res = await call(server, ta, "GET", "/api/v1/tasks?assignee=me&due=overdue");
    const overdue = res.json<{ items: Task[] }>().items;
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((t) => t.overdue && t.status !== "completed")).toBe(true);
  });
});

describe("overdue view", () => {
  it("gives leadership every open overdue task with counts by assignee and team", async () => {
    const fresh = await createTestServer({ now: new Date("2026-01-05T09:00:00Z") });
    try {
      const a = await fresh.signInAs("ta");
      const b = await fresh.signInAs("ce");
      const make = (body: Record<string, unknown>) => createTask(fresh, "admin", body);
      await make({ title: "a1", assigneeUserId: a.userId, dueOn: "2026-01-02" });
      await make({ title: "a2", assigneeUserId: a.userId, dueOn: "2026-01-04" });
      await make({ title: "b1", assigneeUserId: b.userId, dueOn: "2026-01-03" });
      await make({ title: "ops", team: "cloud_ops", dueOn: "2026-01-01" });
      await make({ title: "not yet", assigneeUserId: a.userId, dueOn: "2026-01-05" });
      const done = await make({ title: "done late", assigneeUserId: b.userId, dueOn: "2026-01-01" });
      await patchTask(fresh, "admin", done.id, { status: "completed" });

      const res = await call(fresh, "leadership", "GET", "/api/v1/tasks/overdue");
      expect(res.statusCode, res.body).toBe(200);
      const view = res.json<Overdue>();
      expect(titles(view.items)).toEqual(["ops", "a1", "b1", "a2"]);
      expect(view.total).toBe(4);
      expect(view.byAssignee.map((g) => [g.assignee?.id ?? null, g.team, g.count])).toEqual([
        [a.userId, null, 2],
        [b.userId, null, 1],
        [null, "cloud_ops", 1],
      ]);
    } finally {
      await fresh.close();
    }
  });
});
