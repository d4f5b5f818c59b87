import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { daysAgo, makeInstance, sendEvents, sendPing, signalsOf } from "./usage-fixtures.js";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("usage ingestion", () => {
  it("stores events, updates rollups and shows metrics", async () => {
    const inst = await makeInstance(server, { slug: "acme", seats: 10 });
    const res = await sendEvents(server, inst.token, [
      { user: "admin", event: "search.submitted", timestamp: daysAgo(server, 1) },
      { user: "bob", event: "codeintel.hover", timestamp: daysAgo(server, 1) },
      { user: "bob", event: "codeintel.hover", timestamp: daysAgo(server, 2) },
    ], "b1");
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ accepted: 3, duplicates: 0, duplicateBatch: false });
    const again = await sendEvents(server, inst.token, [{ user: "x", event: "y", timestamp: daysAgo(server, 1) }], "b1");
    expect(again.json()).toMatchObject({ accepted: 0, duplicateBatch: true });

    const ping = await sendPing(server, inst.token, { totalUsers: 3, codeHostsConfigured: 1, version: "6.0.0", featuresUsed: ["notebooks"] });
    expect(ping.statusCode, ping.body).toBe(202);

    const detail = await server.app.inject({ method: "GET", url: `/api/v1/instances/${inst.id}`, headers: { authorization: `Bearer ${await server.tokenFor("ae")}` } });
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json<{ metrics: Record<string, unknown>; sparkline: number[]; features: { key: string; firstUsedAt: string | null }[] }>();
    expect(body.metrics).toMatchObject({ totalUsers: 3, mau: 2, codeHostConfigured: true, nonAdminJoined: true, versionsBehind: 2, unused: false });
    expect(body.sparkline.slice(-2)).toEqual([1, 2]);
    expect(body.features.filter((f) => f.firstUsedAt !== null).map((f) => f.key).sort()).toEqual(["code_intel", "notebooks", "search"]);

    const kinds = (await signalsOf(server, inst.id)).map((s) => s.kind);
    expect(kinds).toContain("usage.non_admin_user_joined");
    expect(kinds).toContain("usage.code_host_configured");
    expect(kinds.filter((k) => k === "usage.feature_first_used")).toHaveLength(3);

    const usage = await server.app.inject({ method: "GET", url: `/api/v1/instances/${inst.id}/usage?days=30`, headers: { authorization: `Bearer ${await server.tokenFor("ae")}` } });
    expect(usage.statusCode, usage.body).toBe(200);
    expect(usage.json<{ days: unknown[] }>().days).toHaveLength(30);

    const list = await server.app.inject({ method: "GET", url: `/api/v1/instances?q=acm`, headers: { authorization: `Bearer ${await server.tokenFor("ae")}` } });
    expect(list.json<{ items: { slug: string }[] }>().items.map((i) => i.slug)).toEqual(["acme"]);
  });

  it("refuses unknown tokens with 401", async () => {
    const res = await sendEvents(server, "trl_ing_nope", [{ user: "a", event: "b", timestamp: daysAgo(server, 1) }]);
    expect(res.statusCode).toBe(401);
  });
});
