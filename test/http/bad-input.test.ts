import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestServer, type TestServer } from "../support/test-server.js";

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await createTestServer();
  admin = `Bearer ${await server.tokenFor("admin")}`;
});
afterAll(async () => {
  await server.close();
});

const countUsers = async () =>
  (await sql<{ n: number }>`select count(*) as n from users`.execute(server.ctx.db)).rows[0]?.n;

interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: { path: string[]; message: string }[] } };
}

describe("bad input", () => {
  it("rejects unknown fields with 400 naming the field, and writes nothing", async () => {
    const before = await countUsers();
    const res = await server.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { authorization: admin },
      payload: { email: "new@example.com", name: "New", role: "sdr", favouriteColour: "teal" },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe("validation_failed");
    expect(JSON.stringify(body.error.details)).toContain("favouriteColour");
    expect(await countUsers()).toBe(before);
  });

  it("rejects wrong types with 400 and the field path", async () => {
    const res = await server.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { authorization: admin },
      payload: { email: "x@example.com", name: 42, role: "sdr" },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.details?.issues?.[0]?.path).toEqual(["body", "name"]);
    expect(body.error.message).toMatch(/^body\.name: /);
  });

  it("rejects bodies over the route's limit with 413", async () => {
    const res = await server.app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "a@example.com", password: "x".repeat(20_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorBody>().error.code).toBe("payload_too_large");
  });

  it("rejects __proto__ keys", async () => {
    const res = await server.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { authorization: admin, "content-type": "application/json" },
      payload: '{"email":"p@example.com","name":"P","role":"sdr","__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.code).toBe("forbidden_key");
  });

  it("rejects malformed JSON with 400 invalid_json", async () => {
    const res = await server.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { authorization: admin, "content-type": "application/json" },
      payload: '{"email":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.code).toBe("invalid_json");
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await server.app.inject({ method: "GET", url: "/api/v1/nothing-here", headers: { authorization: admin } });
    expect(res.statusCode).toBe(404);
    expect(res.json<ErrorBody>().error.code).toBe("not_found");
  });

  it("leaves nothing behind when a request fails half-way", async () => {
    const before = await countUsers();
    const auditBefore = (await sql<{ n: number }>`select count(*) as n from audit_log`.execute(server.ctx.db)).rows[0]?.n;
    await server.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { authorization: admin },
      payload: { email: "dup@example.com", name: "Dup", role: "sdr" },
    });
    const res = await server.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { authorization: admin },
      payload: { email: "DUP@example.com", name: "Dup again", role: "ae" },
    });
    expect(res.statusCode).toBe(409);
    expect(await countUsers()).toBe((before ?? 0) + 1);
    const auditAfter = (await sql<{ n: number }>`select count(*) as n from audit_log`.execute(server.ctx.db)).rows[0]?.n;
    expect(auditAfter).toBe((auditBefore ?? 0) + 1);
  });
});

describe("sessions over HTTP", () => {
  it("requires the CSRF header on writes made with a session cookie", async () => {
    const s = await server.signInAs("admin");
    const payload = { email: "csrf@example.com", name: "C", role: "sdr" };
    const without = await server.app.inject({ method: "POST", url: "/api/v1/users", headers: { cookie: s.cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json<ErrorBody>().error.code).toBe("csrf_failed");
    const withIt = await server.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken },
      payload,
    });
    expect(withIt.statusCode).toBe(201);
  });

  it("signs in, reads the session, and signs out", async () => {
    const s = await server.signInAs("sdr");
    const me = await server.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { role: string } }>().user.role).toBe("sdr");
    const out = await server.app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await server.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it("publishes OpenAPI 3.1 with the API routes", async () => {
    const res = await server.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/users");
  });
});
