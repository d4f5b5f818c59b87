import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOC_BODY_MAX } from "../../src/domains/docs/create-doc.js";
import type { Doc } from "../../src/domains/docs/doc-view.js";
import { createTestServer, type BrowserSession, type TestServer } from "../support/test-server.js";
import { call, makeAccount, timeline } from "../tasks/task-fixtures.js";

interface ErrorBody {
  error: { code: string; message: string; details?: { currentVersion?: number; updatedBy?: string; issues?: { path: string[] }[] } };
}

let server: TestServer;
let ae: BrowserSession;
let ce: BrowserSession;
let acme: string;

const label = async (session: BrowserSession): Promise<string> => {
  const u = await server.ctx.db.selectFrom("users").select(["name", "email"]).where("id", "=", session.userId).executeTakeFirstOrThrow();
  return `${u.name} <${u.email}>`;
};

beforeAll(async () => {
  server = await createTestServer();
  ae = await server.signInAs("ae");
  ce = await server.signInAs("ce");
  acme = await makeAccount(server, {
    name: "Smith & Sons <Ltd>",
    ae_user_id: ae.userId,
    ce_user_id: ce.userId,
    expected_close_date: "2026-03-31",
    arr: 120_000,
    seats: 300,
    deployment: "cloud_managed",
  });
});
afterAll(async () => {
  await server.close();
});

async function newDoc(body: Record<string, unknown>, account = acme, who: BrowserSession = ce): Promise<Doc> {
  const res = await call(server, who, "POST", `/api/v1/accounts/${account}/docs`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Doc>();
}
const save = (id: string, body: Record<string, unknown>, who: BrowserSession | "leadership" = ae) => call(server, who, "PUT", `/api/v1/docs/${id}`, body);
const versionCount = async (docId: string) => (await server.ctx.db.selectFrom("doc_versions").select("version").where("doc_id", "=", docId).execute()).length;

describe("docs from templates", () => {
  it("lists the pack's doc templates", async () => {
    const res = await call(server, "leadership", "GET", "/api/v1/doc-templates");
    expect(res.json()).toEqual({
      items: [
        { key: "handoff", title: "Handoff Doc" },
        { key: "healthAssessment", title: "Health Assessment" },
        { key: "churnRetro", title: "Churn retro" },
      ],
    });
  });

  it("H3 Handoff Doc from the template carries the account's values (escaped), with — for what is not known yet", async () => {
    const doc = await newDoc({ template: "handoff" });
    expect(doc).toMatchObject({ title: "Handoff Doc: Smith & Sons <Ltd>", template: "handoff", version: 1, accountId: acme, accountName: "Smith & Sons <Ltd>", createdBy: await label(ce) });
    expect(doc.body).toContain("Account: Smith &amp; Sons &lt;Ltd&gt;. Expected close: 2026-03-31. ARR: $120,000. Seats: 300. Deployment: Managed cloud.");
    expect(doc.body).toContain("AE: Test ae 1. CE: Test ce 2. TA: —.");
    const list = (await call(server, ce, "GET", `/api/v1/accounts/${acme}/docs`)).json<{ items: { id: string; version: number }[] }>();
    expect(list.items).toContainEqual(expect.objectContaining({ id: doc.id, version: 1 }));
    expect((await timeline(server, "account", acme))[0]?.summary).toBe("Doc created: Handoff Doc: Smith & Sons <Ltd>");
  });

  it("creates a blank doc with a title; refuses an unknown template, a missing title and an unknown account", async () => {
    const blank = await newDoc({ title: "Kickoff notes" });
    expect(blank).toMatchObject({ title: "Kickoff notes", body: "", template: null, version: 1 });
    const unknown = await call(server, ce, "POST", `/api/v1/accounts/${acme}/docs`, { template: "nope" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error.details?.issues?.[0]?.path).toEqual(["body", "template"]);
    const untitled = await call(server, ce, "POST", `/api/v1/accounts/${acme}/docs`, {});
    expect(untitled.json<ErrorBody>().error.details?.issues?.[0]?.path).toEqual(["body", "title"]);
    expect((await call(server, ce, "POST", `/api/v1/accounts/${randomUUID()}/docs`, { template: "handoff" })).statusCode).toBe(404);
    expect((await call(server, ce, "GET", `/api/v1/accounts/${randomUUID()}/docs`)).statusCode).toBe(404);
  });
});

describe("doc edits and versions", () => {
  it("an edit makes version 2 by its editor, on the doc's and the account's timeline; versions keep every copy", async () => {
    const doc = await newDoc({ template: "handoff" });
    server.ctx.clock.advance(60_000);
    const res = await save(doc.id, { title: doc.title, body: `${doc.body}<p>Champion: Ada</p>`, baseVersion: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<Doc>();
    expect(saved).toMatchObject({ version: 2, updatedBy: await label(ae), createdBy: await label(ce), updatedAt: server.ctx.clock.now().toISOString() });
    expect(saved.body).toContain("<p>Champion: Ada</p>");

    const versions = (await call(server, ce, "GET", `/api/v1/docs/${doc.id}/versions`)).json<{ items: { version: number; editedBy: string }[] }>().items;
    expect(versions.map((v) => [v.version, v.editedBy])).toEqual([
      [2, await label(ae)],
      [1, await label(ce)],
    ]);
    const v1 = (await call(server, ce, "GET", `/api/v1/docs/${doc.id}/versions/1`)).json<{ body: string }>();
    expect(v1.body).toBe(doc.body);
    expect((await call(server, ce, "GET", `/api/v1/docs/${doc.id}/versions/9`)).statusCode).toBe(404);

    const summary = "Handoff Doc: Smith & Sons <Ltd> edited (version 2)";
    expect((await timeline(server, "doc", doc.id))[0]).toMatchObject({ summary, actorLabel: await label(ae) });
    expect((await timeline(server, "account", acme))[0]).toMatchObject({ summary, actorLabel: await label(ae) });
  });

  it("a save that changes nothing makes no new version", async () => {
    const doc = await newDoc({ title: "Same" });
    await save(doc.id, { title: "Same", body: "<p>One</p>", baseVersion: 1 });
    const again = await save(doc.id, { title: " Same ", body: "<p>One</p>", baseVersion: 2 });
    expect(again.json<Doc>().version).toBe(2);
    expect(await versionCount(doc.id)).toBe(2);
  });

  it("a save based on an older version gets 409 conflict naming the current version and who saved it; nothing changes", async () => {
    const doc = await newDoc({ title: "Shared" });
    expect((await save(doc.id, { title: "Shared", body: "<p>AE's words</p>", baseVersion: 1 }, ae)).statusCode).toBe(200);
    const res = await save(doc.id, { title: "Shared", body: "<p>CE's words</p>", baseVersion: 1 }, ce);
    expect(res.statusCode).toBe(409);
    const err = res.json<ErrorBody>().error;
    expect(err.code).toBe("conflict");
    expect(err.details).toEqual({ currentVersion: 2, updatedBy: await label(ae) });
    expect(err.message).toContain("version 2");
    const now = (await call(server, ce, "GET", `/api/v1/docs/${doc.id}`)).json<Doc>();
    expect(now).toMatchObject({ version: 2, body: "<p>AE's words</p>" });
    expect(await versionCount(doc.id)).toBe(2);
  });

  it("sanitises the body: scripts, event handlers and javascript: links are dropped", async () => {
    const doc = await newDoc({ title: "Unsafe" });
    const body = `<h2>Notes</h2><p onclick="steal()">Hello <strong>team</strong></p><script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a><a href="https://example.com">ok</a>`;
    const saved = (await save(doc.id, { title: "Unsafe", body, baseVersion: 1 })).json<Doc>();
    expect(saved.body).not.toMatch(/script|onerror|onclick|javascript:|<img/i);
    expect(saved.body).toContain("<h2>Notes</h2><p>Hello <strong>team</strong></p>");
    expect(saved.body).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow">ok</a>');
    const stored = (await call(server, ce, "GET", `/api/v1/docs/${doc.id}/versions/2`)).json<{ body: string }>();
    expect(stored.body).toBe(saved.body);
  });

  it("refuses a body over the limit with 413 and a clear message; nothing changes", async () => {
    const doc = await newDoc({ title: "Big" });
    const res = await save(doc.id, { title: "Big", body: `<p>${"a".repeat(DOC_BODY_MAX)}</p>`, baseVersion: 1 });
    expect(res.statusCode).toBe(413);
    const err = res.json<ErrorBody>().error;
    expect(err.code).toBe("payload_too_large");
    expect(err.message).toContain(String(DOC_BODY_MAX));
    expect(await versionCount(doc.id)).toBe(1);
  });

  it("refuses bad input: unknown doc 404, missing baseVersion or extra fields 400", async () => {
    expect((await save(randomUUID(), { title: "x", body: "", baseVersion: 1 })).statusCode).toBe(404);
    const doc = await newDoc({ title: "Strict" });
    expect((await save(doc.id, { title: "x", body: "" })).statusCode).toBe(400);
    expect((await save(doc.id, { title: "x", body: "", baseVersion: 1, version: 3 })).statusCode).toBe(400);
    expect((await save(doc.id, { title: "  ", body: "", baseVersion: 1 })).statusCode).toBe(400);
  });

  it("leadership reads docs but cannot edit them (403)", async () => {
    const doc = await newDoc({ title: "Read only" });
    expect((await call(server, "leadership", "GET", `/api/v1/docs/${doc.id}`)).statusCode).toBe(200);
    expect((await save(doc.id, { title: "x", body: "", baseVersion: 1 }, "leadership")).statusCode).toBe(403);
    expect((await call(server, "leadership", "POST", `/api/v1/accounts/${acme}/docs`, { title: "x" })).statusCode).toBe(403);
  });
});
