import { afterEach, describe, expect, it } from "vitest";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { createTestContext } from "../support/test-context.js";
import { buildApp } from "../../src/runtime/build-app.js";
import { createApiToken } from "../../src/platform/auth/create-api-token.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { SystemClock } from "../../src/platform/clock/clock.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("clock API", () => {
  it("advances simulated time for an admin, audits it, and every process reads the new now", async () => {
    server = await createTestServer({ now: new Date("2026-03-02T09:00:00Z") });
    const auth = { authorization: `Bearer ${await server.tokenFor("admin")}` };
    const res = await server.app.inject({ method: "POST", url: "/api/v1/clock/advance", headers: auth, payload: { by: "10d" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ now: string }>().now).toBe("2026-03-12T09:00:00.000Z");
    const clock = await server.app.inject({ method: "GET", url: "/api/v1/clock", headers: auth });
    expect(clock.json()).toEqual({ kind: "simulated", now: "2026-03-12T09:00:00.000Z" });
    const stored = await server.ctx.db.selectFrom("clock_state").select("now").executeTakeFirstOrThrow();
    expect(stored.now.toISOString()).toBe("2026-03-12T09:00:00.000Z");
    const audit = await server.ctx.db.selectFrom("audit_log").select(["action", "actor_type"]).where("action", "=", "clock.advanced").execute();
    expect(audit).toEqual([{ action: "clock.advanced", actor_type: "api_token" }]);
  });

  it("rejects a malformed duration with the field, and moves nothing", async () => {
    server = await createTestServer({ now: new Date("2026-03-02T09:00:00Z") });
    const auth = { authorization: `Bearer ${await server.tokenFor("admin")}` };
    const res = await server.app.inject({ method: "POST", url: "/api/v1/clock/advance", headers: auth, payload: { by: "ten days" } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { issues: { path: string[] }[] } } }>().error.details.issues[0]?.path).toEqual(["body", "by"]);
    expect(server.ctx.clock.now().toISOString()).toBe("2026-03-02T09:00:00.000Z");
  });

  it("refuses to move a system clock with 409 clock_not_simulated", async () => {
    const ctx = await createTestContext();
    const systemCtx = { ...ctx, clock: new SystemClock() };
    const app = await buildApp(systemCtx, { serveWeb: false });
    try {
      const token = await createApiToken(systemCtx, { name: "t", role: "admin", actor: systemActor("test") });
      const res = await app.inject({ method: "POST", url: "/api/v1/clock/advance", headers: { authorization: `Bearer ${token.token}` }, payload: { by: "1d" } });
      expect(res.statusCode).toBe(409);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("clock_not_simulated");
    } finally {
      await app.close();
      await ctx.close();
    }
  });
});
