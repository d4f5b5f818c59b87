import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { makeInstance, sendEvents, sendPing } from "./usage-fixtures.js";

// The clock starts at 2026-01-05T09:00Z: the 4-week window is 2025-12-08..2026-01-04 (full days),
// "last month" is December 2025, the rolling MAU window starts 2025-12-07.
let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => {
  await server.close();
});

async function metricsOf(id: string): Promise<Record<string, unknown>> {
  const res = await server.app.inject({ method: "GET", url: `/api/v1/instances/${id}`, headers: { authorization: `Bearer ${await server.tokenFor("ta")}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ metrics: Record<string, unknown> }>().metrics;
}

describe("S2 utilisation traits from the rollups", () => {
  it("S2 usage score is the 4-week average DAU over last month's MAU, and MAU/seats uses the seats", async () => {
    const inst = await makeInstance(server, { slug: "score", kind: "production", seats: 10 });
    const users = ["u0", "u1", "u2", "u3"];
    const res = await sendEvents(server, inst.token, [
      ...users.map((user) => ({ user, event: "page.viewed", timestamp: "2025-12-10T10:00:00.000Z" })),
      { user: "u0", event: "page.viewed", timestamp: "2026-01-04T10:00:00.000Z" },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    // DAU 4 on 12-10 and 1 on 01-04 over 28 days: 5 / 28 = 0.18; December MAU 4.
    expect(await metricsOf(inst.id)).toMatchObject({
      dau: 1,
      dau4wAvg: 0.18,
      lastMonthMau: 4,
      usageScore: 0.045,
      mau: 4,
      mauPerSeat: 0.4,
      lastMonthMauPerSeat: 0.4,
      lastActivityAt: "2026-01-04T10:00:00.000Z",
    });
  });

  it("S2 versions behind counts the releases newer than the instance's, up to the latest (pack or admin setting)", async () => {
    const inst = await makeInstance(server, { slug: "versions" });
    expect((await sendPing(server, inst.token, { version: "6.0.0" })).statusCode).toBe(202);
    expect(await metricsOf(inst.id)).toMatchObject({ version: "6.0.0", latestRelease: "6.2.0", versionsBehind: 2 });

    const admin = { authorization: `Bearer ${await server.tokenFor("admin")}` };
    const set = await server.app.inject({ method: "PUT", url: "/api/v1/usage/settings", headers: admin, payload: { latestRelease: "6.3.0" } });
    expect(set.json()).toMatchObject({ latestRelease: "6.3.0", latestReleaseSource: "setting" });
    expect(await metricsOf(inst.id)).toMatchObject({ latestRelease: "6.3.0", versionsBehind: 3 });

    await server.app.inject({ method: "PUT", url: "/api/v1/usage/settings", headers: admin, payload: { latestRelease: null } });
    expect(await metricsOf(inst.id)).toMatchObject({ latestRelease: "6.2.0", versionsBehind: 2 });
    const bad = await server.app.inject({ method: "PUT", url: "/api/v1/usage/settings", headers: admin, payload: { latestRelease: "six" } });
    expect([bad.statusCode, bad.json<{ error: { code: string } }>().error.code]).toEqual([400, "validation_failed"]);
  });
});
