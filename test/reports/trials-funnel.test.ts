import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServer, type TestServer } from "../support/test-server.js";
import { makeLead, makeTrial } from "./report-fixtures.js";
import { getReport, report, type ErrorBody } from "./report-client.js";

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer(); // clock: Monday 2026-01-05 09:00 UTC
  const db = server.ctx.db;
  const at = (iso: string) => new Date(iso);
  // December 2025 (Dec 1 is a Monday): four signups inside, one either side.
  const a = await makeLead(db, { createdAt: at("2025-12-01T00:00:00Z"), status: "Converted", qualifiedAt: at("2025-12-01T10:00:00Z"), handedOffAt: at("2025-12-02T10:00:00Z"), pqlAt: at("2025-12-20T10:00:00Z"), convertedAt: at("2026-01-02T10:00:00Z") });
  await makeTrial(db, { leadId: a, state: "converted", approvedAt: at("2025-12-01T10:00:00Z"), readyAt: at("2025-12-01T10:40:00Z"), handedOffAt: at("2025-12-02T10:00:00Z"), activatedAt: at("2025-12-05T10:00:00Z") });
  const b = await makeLead(db, { createdAt: at("2025-12-31T23:59:59.999Z"), status: "Approved trial", qualifiedAt: at("2026-01-01T08:00:00Z") });
  await makeTrial(db, { leadId: b, state: "running", approvedAt: at("2026-01-01T08:00:00Z"), readyAt: at("2026-01-01T09:00:00Z") });
  const c = await makeLead(db, { createdAt: at("2025-12-10T12:00:00Z"), status: "Approved trial", qualifiedAt: at("2025-12-10T13:00:00Z") });
  await makeTrial(db, { leadId: c, state: "queued", approvedAt: at("2025-12-10T13:00:00Z") });
  await makeLead(db, { createdAt: at("2025-12-15T12:00:00Z"), status: "disqualified", substatus: "Does not meet trial criteria", disqualifiedAt: at("2025-12-15T13:00:00Z") });
  for (const createdAt of ["2025-11-30T23:59:59.999Z", "2026-01-01T00:00:00Z"]) {
    const outside = await makeLead(db, { createdAt: at(createdAt), status: "Trial Instance Handed Off", qualifiedAt: at(createdAt), handedOffAt: at("2026-01-02T00:00:00Z"), pqlAt: at("2026-01-03T00:00:00Z") });
    await makeTrial(db, { leadId: outside, state: "running", approvedAt: at(createdAt), readyAt: at("2026-01-02T00:00:00Z"), handedOffAt: at("2026-01-02T00:00:00Z"), activatedAt: at("2026-01-03T00:00:00Z") });
  }
});
afterAll(async () => {
  await server.close();
});

const DECEMBER = "?from=2025-12-01&to=2025-12-31";

describe("T12 trials report: funnel, weekly series, status breakdown", () => {
  it("T12 funnel counts each step for the leads who signed up in the period, with conversion from the previous step", async () => {
    const r = await report(server, DECEMBER);
    expect(r.period).toEqual({ from: "2025-12-01", to: "2025-12-31", days: 31 });
    expect(r.funnel.map((s) => [s.key, s.count, s.conversionPct])).toEqual([
      ["signups", 4, null],
      ["qualified", 3, 75],
      ["provisioned", 2, 66.7],
      ["handedOff", 1, 50],
      ["activated", 1, 100],
      ["pql", 1, 100],
      ["converted", 1, 100],
    ]);
  });

  it("T12 a lead created just outside the period is not counted, one at its first and last instant is", async () => {
    const lastDay = await report(server, "?from=2025-12-31&to=2025-12-31");
    expect(lastDay.funnel[0]?.count).toBe(1);
    const nextDay = await report(server, "?from=2026-01-01&to=2026-01-01");
    expect(nextDay.funnel.map((s) => s.count)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    const dayBefore = await report(server, "?from=2025-11-30&to=2025-11-30");
    expect(dayBefore.funnel[0]?.count).toBe(1);
  });

  it("T12 an empty period has zero counts and no conversion percentages", async () => {
    const r = await report(server, "?from=2025-06-01&to=2025-06-30");
    expect(r.funnel.every((s) => s.count === 0 && s.conversionPct === null)).toBe(true);
    expect(r.statusBreakdown).toEqual([]);
  });

  it("T12 weekly series buckets the period's signups by ISO week, clipped to the period", async () => {
    const r = await report(server, DECEMBER);
    expect(r.weekly).toEqual([
      { weekStart: "2025-12-01", days: 7, signups: 1, qualified: 1, handedOff: 1 },
      { weekStart: "2025-12-08", days: 7, signups: 1, qualified: 1, handedOff: 0 },
      { weekStart: "2025-12-15", days: 7, signups: 1, qualified: 0, handedOff: 0 },
      { weekStart: "2025-12-22", days: 7, signups: 0, qualified: 0, handedOff: 0 },
      { weekStart: "2025-12-29", days: 3, signups: 1, qualified: 1, handedOff: 0 },
    ]);
  });

  it("T12 status breakdown counts the period's leads by status and substatus, in the pack's order", async () => {
    const r = await report(server, DECEMBER);
    expect(r.statusBreakdown).toEqual([
      { status: "Converted", substatus: null, count: 1, sharePct: 25 },
      { status: "Approved trial", substatus: null, count: 2, sharePct: 50 },
      { status: "disqualified", substatus: "Does not meet trial criteria", count: 1, sharePct: 25 },
    ]);
  });

  it("T12 lead pipeline shows every lead's current status, whenever it signed up", async () => {
    const r = await report(server, DECEMBER);
    const count = (status: string) => r.pipeline.find((p) => p.status === status)?.count;
    expect(count("Trial Instance Handed Off")).toBe(2);
    expect(count("Approved trial")).toBe(2);
    expect(count("PQL")).toBe(0);
    expect(r.pipeline[0]?.status).toBe("New");
  });

  it("T12 the default period is the last 30 days up to today (UTC)", async () => {
    const r = await report(server);
    expect(r.period).toEqual({ from: "2025-12-07", to: "2026-01-05", days: 30 });
    expect(r.funnel[0]?.count).toBe(4); // c (Dec 10), d (Dec 15), b (Dec 31), the Jan 1 lead
  });

  it("T12 every signed-in role may read the report; anonymous callers may not", async () => {
    for (const role of ["sdr", "leadership", "support", "ae"] as const) expect((await getReport(server, DECEMBER, role)).statusCode).toBe(200);
    expect((await server.app.inject({ method: "GET", url: "/api/v1/reports/trials" })).statusCode).toBe(401);
  });
});

describe("T12 trials report: bad period", () => {
  const bad = async (query: string, field: string) => {
    const res = await getReport(server, query);
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorBody>();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details?.issues?.[0]?.path).toEqual(["querystring", field]);
    return body;
  };

  it("T12 rejects a malformed or impossible date with 400 naming the field", async () => {
    await bad("?from=2025-13-01", "from");
    await bad("?from=yesterday", "from");
    await bad("?to=2025-02-30", "to");
    await bad("?to=2025-12-01T00:00:00Z", "to");
  });

  it("T12 rejects a period that ends before it starts", async () => {
    expect((await bad("?from=2025-12-31&to=2025-12-01", "to")).error.message).toMatch(/on or after from/);
  });

  it("T12 accepts 366 days and rejects 367 with the limit in the message", async () => {
    expect((await getReport(server, "?from=2025-01-01&to=2026-01-01")).statusCode).toBe(200);
    expect((await bad("?from=2025-01-01&to=2026-01-02", "to")).error.message).toMatch(/at most 366 days/);
  });
});
