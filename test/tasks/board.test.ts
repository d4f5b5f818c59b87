import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Task } from "../../src/domains/tasks/task-view.js";
import { createTestServer, type BrowserSession, type TestServer } from "../support/test-server.js";
import { call, createTask, emailsTo, ids, makeAccount, patchTask, timeline } from "./task-fixtures.js";

interface Board {
  columns: { status: string; label: string; items: Task[]; total: number }[];
}

let server: TestServer;
let ta: BrowserSession;
let ta2: BrowserSession;
let ce: BrowserSession;
let acme: string;
let globex: string;

beforeAll(async () => {
  server = await createTestServer();
  ta = await server.signInAs("ta");
  ta2 = await server.signInAs("ta");
  ce = await server.signInAs("ce");
  acme = await makeAccount(server, { name: "Acme" });
  globex = await makeAccount(server, { name: "Globex" });
});
afterAll(async () => {
  await server.close();
});

async function board(query = "", who: BrowserSession | "leadership" = ta): Promise<Board> {
  const res = await call(server, who, "GET", `/api/v1/tasks/board${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Board>();
}
const column = (b: Board, status: string) => b.columns.find((c) => c.status === status)?.items ?? [];

describe("E7 task board", () => {
  it("E7 shows the columns To-Do, In Progress, Under Review, Completed (labels from the pack) with new tasks on top of To-Do", async () => {
    const first = await createTask(server, ta, { title: "E7 first", accountId: acme });
    const second = await createTask(server, ta, { title: "E7 second", accountId: acme });
    const b = await board(`?accountId=${acme}`);
    expect(b.columns.map((c) => [c.status, c.label])).toEqual([
      ["todo", "To-Do"],
      ["in_progress", "In Progress"],
      ["under_review", "Under Review"],
      ["completed", "Completed"],
    ]);
    expect(ids(column(b, "todo"))).toEqual([second.id, first.id]);
    expect(first).toMatchObject({ status: "todo", account: { id: acme, name: "Acme" }, subject: { type: "account", id: acme }, source: "user", completedAt: null });
  });

  it("E7 moves a task across the board: In Progress, Under Review, Completed (completedAt set) and back (cleared), each move on the task's and the account's timeline", async () => {
    const t = await createTask(server, ta, { title: "Send the handoff doc", accountId: globex });
    let res = await patchTask(server, ta, t.id, { status: "in_progress" });
    expect(res.statusCode, res.body).toBe(200);
    expect(ids(column(await board(`?accountId=${globex}`), "in_progress"))).toEqual([t.id]);

    expect((await patchTask(server, ta, t.id, { status: "under_review" })).json<Task>().status).toBe("under_review");
    server.ctx.clock.advance(60_000);
    res = await patchTask(server, ta, t.id, { status: "completed" });
    const done = res.json<Task>();
    expect(done.completedAt).toBe(server.ctx.clock.now().toISOString());
    expect(ids(column(await board(`?accountId=${globex}`), "completed"))).toEqual([t.id]);

    const reopened = (await patchTask(server, ta, t.id, { status: "in_progress" })).json<Task>();
    expect(reopened).toMatchObject({ status: "in_progress", completedAt: null });

    const taskEvents = (await timeline(server, "task", t.id)).map((e) => e.summary);
    expect(taskEvents).toEqual(["Moved to In Progress", "Moved to Completed", "Moved to Under Review", "Moved to In Progress", expect.stringContaining("Task created")]);
    const accountEvents = (await timeline(server, "account", globex)).map((e) => e.summary);
    expect(accountEvents).toContain("Task “Send the handoff doc”: moved to Under Review");
    expect(accountEvents).toContain("Task “Send the handoff doc”: moved to Completed");
  });

  it("E7 places a dragged card at the position the client sends (between its new neighbours), then by due date", async () => {
    const account = await makeAccount(server, { name: "Initech" });
    const a = await createTask(server, ta, { title: "a", accountId: account, dueOn: "2026-02-01" });
    const b = await createTask(server, ta, { title: "b", accountId: account });
    const c = await createTask(server, ta, { title: "c", accountId: account });
    // Top of To-Do first: c, b, a. Move c between b and a.
    expect(ids(column(await board(`?accountId=${account}`), "todo"))).toEqual([c.id, b.id, a.id]);
    const res = await patchTask(server, ta, c.id, { position: (b.position + a.position) / 2 });
    expect(res.statusCode).toBe(200);
    expect(ids(column(await board(`?accountId=${account}`), "todo"))).toEqual([b.id, c.id, a.id]);
    expect((await timeline(server, "task", c.id))[0]?.summary).toBe("Reordered in To-Do");
    expect((await timeline(server, "account", account)).map((e) => e.summary)).not.toContain("Task “c”: reordered in To-Do");

    // Moved into a column with a position: lands there; equal positions fall back to the due date.
    await patchTask(server, ta, a.id, { status: "in_progress", position: 5 });
    await patchTask(server, ta, b.id, { status: "in_progress", position: 5, dueOn: "2026-01-20" });
    expect(ids(column(await board(`?accountId=${account}`), "in_progress"))).toEqual([b.id, a.id]);
  });

  it("E7 Completed shows the 50 most recently completed tasks", async () => {
    const account = await makeAccount(server, { name: "Hooli" });
    const base = server.ctx.clock.now().getTime();
    const rows = Array.from({ length: 55 }, (_, i) => ({
      id: randomUUID(),
      title: `done ${i}`,
      status: "completed" as const,
      position: 0,
      account_id: account,
      created_by: "test",
      created_at: new Date(base),
      updated_at: new Date(base),
      completed_at: new Date(base - i * 60_000),
    }));
    await server.ctx.db.insertInto("tasks").values(rows).execute();
    const completed = (await board(`?accountId=${account}`)).columns.find((c) => c.status === "completed");
    expect(completed?.total).toBe(55);
    expect(completed?.items).toHaveLength(50);
    expect(completed?.items.map((t) => t.title)).not.toContain("done 50");
    expect(completed?.items.map((t) => t.title)).toContain("done 49");
  });
});

describe("task filters", () => {
  it("filters the list and the board by person (me or an id), team and account", async () => {
    const account = await makeAccount(server, { name: "Umbrella" });
    const mine = await createTask(server, ta, { title: "mine", accountId: account, assigneeUserId: ta.userId });
    const theirs = await createTask(server, ta, { title: "theirs", accountId: account, assigneeUserId: ta2.userId });
    const team = await createTask(server, ta, { title: "for CEs", accountId: account, team: "ce" });
    const elsewhere = await createTask(server, ta, { title: "elsewhere", assigneeUserId: ta.userId });

    const list = async (who: BrowserSession, q: string) => {
      const res = await call(server, who, "GET", `/api/v1/tasks?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: Task[]; total: number }>();
    };
    expect(ids((await list(ta, `assignee=me&accountId=${account}`)).items)).toEqual([mine.id]);
    expect(ids((await list(ta2, `assignee=me&accountId=${account}`)).items)).toEqual([theirs.id]);
    expect(ids((await list(ce, `assignee=${ta2.userId}`)).items)).toEqual([theirs.id]);
    expect(ids((await list(ce, `team=ce&accountId=${account}`)).items)).toEqual([team.id]);
    expect(ids((await list(ce, `assignee=none&accountId=${account}`)).items)).toEqual([team.id]);
    const all = await list(ce, `accountId=${account}`);
    expect(all.total).toBe(3);
    expect(ids((await list(ta, "assignee=me")).items).sort()).toEqual([mine.id, elsewhere.id].sort());
    expect(ids((await list(ta, `assignee=me&q=ELSEwh`)).items)).toEqual([elsewhere.id]);
    expect(ids((await list(ta, `accountId=${account}&limit=2&offset=2`)).items)).toHaveLength(1);

    expect(ids(column(await board(`?assignee=me&accountId=${account}`), "todo"))).toEqual([mine.id]);
    expect(ids(column(await board(`?team=ce&accountId=${account}`), "todo"))).toEqual([team.id]);
  });

  it("refuses assignee=me from an API token (no person behind it) with a 400 naming the parameter", async () => {
    for (const url of ["/api/v1/tasks?assignee=me", "/api/v1/tasks/board?assignee=me"]) {
      const res = await call(server, "admin", "GET", url);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { details: { issues: { path: string[] }[] } } }>().error.details.issues[0]?.path).toEqual(["query", "assignee"]);
    }
    expect((await call(server, "admin", "GET", "/api/v1/tasks?status=todo,nope")).statusCode).toBe(400);
  });
});

describe("task changes", () => {
  it("reassignment emails the new assignee (taskAssigned) but not someone who takes the task themselves", async () => {
    const t = await createTask(server, ta, { title: "Schedule the knowledge transfer", accountId: acme, dueOn: "2026-01-20" });
    const res = await patchTask(server, ta, t.id, { assigneeUserId: ce.userId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Task>().assignee?.id).toBe(ce.userId);
    const ceEmail = (await server.ctx.db.selectFrom("users").select("email").where("id", "=", ce.userId).executeTakeFirstOrThrow()).email;
    const mails = await emailsTo(server, ceEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Task for you: Schedule the knowledge transfer");
    expect(mails[0]?.text).toContain("on Acme");
    expect(mails[0]?.text).toContain("Due: 2026-01-20");
    expect((await timeline(server, "task", t.id))[0]?.summary).toMatch(/^Reassigned to Test ce/);

    // Handed on and back again: a second email to the CE; the TA taking it themselves gets none.
    const taEmail = (await server.ctx.db.selectFrom("users").select("email").where("id", "=", ta.userId).executeTakeFirstOrThrow()).email;
    await patchTask(server, ta, t.id, { assigneeUserId: ta.userId });
    expect(await emailsTo(server, taEmail)).toHaveLength(0);
    server.ctx.clock.advance(1000);
    await patchTask(server, ta, t.id, { assigneeUserId: ce.userId });
    expect(await emailsTo(server, ceEmail)).toHaveLength(2);
  });

  it("refuses an unknown assignee with a 400 naming assigneeUserId and changes nothing", async () => {
    const t = await createTask(server, ta, { title: "Unchanged" });
    const res = await patchTask(server, ta, t.id, { assigneeUserId: randomUUID(), status: "in_progress" });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { issues: { path: string[] }[] } } }>().error.details.issues[0]?.path).toEqual(["body", "assigneeUserId"]);
    const after = (await call(server, ta, "GET", `/api/v1/tasks/${t.id}`)).json<Task>();
    expect(after).toMatchObject({ status: "todo", assignee: null, updatedAt: t.updatedAt });
    expect((await patchTask(server, ta, t.id, { status: "doing" })).statusCode).toBe(400);
    expect((await patchTask(server, ta, t.id, { owner: "x" })).statusCode).toBe(400);
  });

  it("edits title, description and due date in one timeline entry; a no-op PATCH records nothing", async () => {
    const t = await createTask(server, ta, { title: "Old title", accountId: acme });
    const res = await patchTask(server, ta, t.id, { title: "New title", description: "Details", dueOn: "2026-03-01" });
    expect(res.json<Task>()).toMatchObject({ title: "New title", description: "Details", dueOn: "2026-03-01" });
    expect((await timeline(server, "task", t.id))[0]?.summary).toBe("Renamed to “New title”; description edited; due date set to 2026-03-01");
    const before = (await timeline(server, "task", t.id)).length;
    await patchTask(server, ta, t.id, { title: "New title", dueOn: "2026-03-01" });
    expect(await timeline(server, "task", t.id)).toHaveLength(before);
    expect((await patchTask(server, ta, t.id, { dueOn: null })).json<Task>().dueOn).toBeNull();
  });

  it("archived tasks disappear: GET and PATCH answer 404, the board and lists leave them out", async () => {
    const account = await makeAccount(server, { name: "Soylent" });
    const t = await createTask(server, ta, { title: "Obsolete", accountId: account });
    expect((await patchTask(server, ta, t.id, { archived: true })).statusCode).toBe(200);
    expect((await call(server, ta, "GET", `/api/v1/tasks/${t.id}`)).statusCode).toBe(404);
    expect((await patchTask(server, ta, t.id, { title: "again" })).statusCode).toBe(404);
    expect((await patchTask(server, ta, randomUUID(), { title: "nobody" })).statusCode).toBe(404);
    expect(column(await board(`?accountId=${account}`), "todo")).toEqual([]);
    expect((await timeline(server, "account", account))[0]?.summary).toBe("Task “Obsolete”: archived");
  });

  it("leadership reads tasks but cannot create or change them (403)", async () => {
    const t = await createTask(server, ta, { title: "Not for leadership" });
    const res = await patchTask(server, "leadership", t.id, { status: "completed" });
    expect(res.statusCode).toBe(403);
    expect((await call(server, "leadership", "POST", "/api/v1/tasks", { title: "x" })).statusCode).toBe(403);
    expect((await call(server, "leadership", "GET", `/api/v1/tasks/${t.id}`)).json<Task>().status).toBe("todo");
  });

  it("finds tasks by title in global search", async () => {
    const t = await createTask(server, ta, { title: "Quarterly zebra review", accountId: acme });
    const res = await call(server, ta, "GET", "/api/v1/search?q=zebra");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: { type: string; id: string }[] }>().items).toContainEqual(expect.objectContaining({ type: "task", id: t.id }));
  });
});
