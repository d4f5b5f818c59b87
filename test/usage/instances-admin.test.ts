import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { asRole, getInstance, makeInstance, patchInstance } from "./usage-fixtures.js";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server.close();
});

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

const create = async (body: Record<string, unknown>, role: Parameters<TestServer["tokenFor"]>[0] = "growth") =>
  server.app.inject({ method: "POST", url: "/api/v1/instances", headers: await asRole(server, role), payload: { name: "Some instance", kind: "trial", ...body } });
const instanceCount = async () => Number((await server.ctx.db.selectFrom("instances").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
const auditOf = (id: string) =>
  server.ctx.db.selectFrom("audit_log").selectAll().where("subject_type", "=", "instance").where("subject_id", "=", id).orderBy("id").execute();
const timelineOf = (id: string) =>
  server.ctx.db.selectFrom("timeline_events").selectAll().where("subject_type", "=", "instance").where("subject_id", "=", id).orderBy("id").execute();

describe("instance admin API", () => {
  it("creates an instance with a lowercased slug and returns its ingestion token once", async () => {
    const res = await create({ slug: "  ACME-1 ", seats: 25, company: "Acme", adminEmail: "it@acme.example" });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ instance: { id: string; slug: string; tokenPrefix: string }; ingestToken: string }>();
    expect(body.instance).toMatchObject({ slug: "acme-1", seats: 25, company: "Acme", adminEmail: "it@acme.example", status: "active" });
    expect(body.ingestToken).toMatch(/^trl_ing_/);
    expect(body.ingestToken.startsWith(body.instance.tokenPrefix)).toBe(true);
    const detail = await getInstance(server, body.instance.id);
    expect(JSON.stringify(detail)).not.toContain(body.ingestToken);
    const row = await server.ctx.db.selectFrom("instances").select("ingest_token_hash").where("id", "=", body.instance.id).executeTakeFirstOrThrow();
    expect(row.ingest_token_hash).not.toContain(body.ingestToken.slice(8));

    const audit = await auditOf(body.instance.id);
    expect(audit.map((a) => a.action)).toEqual(["instance.created"]);
    expect(audit[0]).toMatchObject({ actor_type: "api_token" });
  });

  it("refuses a slug that is too long or malformed with 400 naming slug; nothing is created", async () => {
    const before = await instanceCount();
    const max = server.ctx.packs.current().trials.slugMaxLength;
    for (const slug of ["a".repeat(max + 1), "x".repeat(64), "-bad", "bad-", "no_underscore", "sp ace", ""]) {
      const res = await create({ slug });
      expect(res.statusCode, slug).toBe(400);
      const err = res.json<ErrorBody>().error;
      expect(err.code, slug).toBe("validation_failed");
      expect(err.message, slug).toMatch(/^(body\.)?slug: /);
    }
    const tooLong = await create({ slug: "a".repeat(max + 1) });
    expect(tooLong.json<ErrorBody>().error).toMatchObject({ message: `slug: at most ${max} characters.`, details: { issues: [{ path: ["body", "slug"] }] } });
    // Exactly the maximum is fine.
    expect((await create({ slug: "b".repeat(max) })).statusCode).toBe(201);
    expect(await instanceCount()).toBe(before + 1);
  });

  it("refuses a duplicate slug (also in other case) with 409", async () => {
    await makeInstance(server, { slug: "dupe" });
    const before = await instanceCount();
    for (const slug of ["dupe", "DUPE"]) {
      const res = await create({ slug });
      expect(res.statusCode, slug).toBe(409);
      expect(res.json<ErrorBody>().error).toMatchObject({ code: "already_exists", details: { field: "slug" } });
      expect(res.json<ErrorBody>().error.message).toContain("dupe");
    }
    expect(await instanceCount()).toBe(before);
  });

  it("PATCH records instance.updated on the timeline with each field's from and to", async () => {
    const inst = await makeInstance(server, { slug: "edit", seats: 10, name: "Edit me" });
    const res = await patchInstance(server, inst.id, { name: "Edited", seats: 40, kind: "trial", company: "" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: "Edited", seats: 40, kind: "trial", company: null });

    const updated = (await timelineOf(inst.id)).filter((t) => t.kind === "instance.updated");
    expect(updated).toHaveLength(1);
    // Unchanged fields (kind, company already null) are not listed.
    expect(updated[0]?.data).toEqual({ changes: { name: { from: "Edit me", to: "Edited" }, seats: { from: 10, to: 40 } } });
    expect(updated[0]).toMatchObject({ actor_type: "api_token" });

    // A PATCH that changes nothing records nothing.
    expect((await patchInstance(server, inst.id, { name: "Edited", seats: 40 })).statusCode).toBe(200);
    expect((await timelineOf(inst.id)).filter((t) => t.kind === "instance.updated")).toHaveLength(1);

    const status = await patchInstance(server, inst.id, { status: "terminated", seats: null });
    expect(status.statusCode, status.body).toBe(200);
    const last = (await timelineOf(inst.id)).at(-1);
    expect(last).toMatchObject({ kind: "instance.updated", data: { changes: { status: { from: "active", to: "terminated" }, seats: { from: 40, to: null } } } });
  });

  it("PATCH of an unknown instance is 404 and a bad field is 400; nothing changes", async () => {
    const missing = await patchInstance(server, "00000000-0000-4000-8000-000000000000", { name: "x" });
    expect(missing.statusCode).toBe(404);
    const inst = await makeInstance(server, { slug: "badpatch" });
    const before = await timelineOf(inst.id);
    for (const body of [{ seats: -1 }, { kind: "lab" }, { status: "paused" }, { name: "" }]) {
      const res = await patchInstance(server, inst.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<ErrorBody>().error.code).toBe("validation_failed");
    }
    expect(await timelineOf(inst.id)).toEqual(before);
  });

  it("roles: an ae (or leadership) may read instances but gets 403 on every change; nothing changes", async () => {
    const inst = await makeInstance(server, { slug: "roles" });
    const before = { count: await instanceCount(), audit: await auditOf(inst.id) };
    for (const role of ["ae", "leadership"] as const) {
      const headers = await asRole(server, role);
      const attempts = [
        await create({ slug: `by-${role.slice(0, 3)}` }, role),
        await patchInstance(server, inst.id, { name: "hijacked" }, role),
        await server.app.inject({ method: "POST", url: `/api/v1/instances/${inst.id}/ingest-token`, headers }),
        await server.app.inject({ method: "DELETE", url: `/api/v1/instances/${inst.id}/ingest-token`, headers }),
      ];
      for (const res of attempts) {
        expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
        expect(res.json<ErrorBody>().error.code).toBe("forbidden");
      }
      const read = await server.app.inject({ method: "GET", url: `/api/v1/instances/${inst.id}`, headers });
      expect(read.statusCode).toBe(200);
    }
    expect(await instanceCount()).toBe(before.count);
    expect(await auditOf(inst.id)).toEqual(before.audit);
    expect((await getInstance(server, inst.id)).slug).toBe("roles");
  });

  it("every change lands in the audit log: create, update, token rotation and revocation", async () => {
    const inst = await makeInstance(server, { slug: "audited" });
    const admin = await asRole(server, "cloud_ops");
    expect((await patchInstance(server, inst.id, { seats: 5 }, "cloud_ops")).statusCode).toBe(200);
    expect((await server.app.inject({ method: "POST", url: `/api/v1/instances/${inst.id}/ingest-token`, headers: admin })).statusCode).toBe(200);
    expect((await server.app.inject({ method: "DELETE", url: `/api/v1/instances/${inst.id}/ingest-token`, headers: admin })).statusCode).toBe(204);
    // Revoking again changes nothing and records nothing.
    expect((await server.app.inject({ method: "DELETE", url: `/api/v1/instances/${inst.id}/ingest-token`, headers: admin })).statusCode).toBe(204);

    const audit = await auditOf(inst.id);
    expect(audit.map((a) => a.action)).toEqual(["instance.created", "instance.updated", "instance.ingest_token_rotated", "instance.ingest_token_revoked"]);
    expect(audit.every((a) => a.actor_type === "api_token" && a.request_id !== null)).toBe(true);
    expect(audit.slice(1).every((a) => a.actor_label === `API token "test cloud_ops"`)).toBe(true);
    expect((await timelineOf(inst.id)).map((t) => t.kind)).toEqual(audit.map((a) => a.action));
    expect((await getInstance(server, inst.id)).metrics).toBeDefined();
    const detail = await server.app.inject({ method: "GET", url: `/api/v1/instances/${inst.id}`, headers: admin });
    expect(detail.json<{ tokenPrefix: string | null }>().tokenPrefix).toBeNull();
  });
});
