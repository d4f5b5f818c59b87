import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RenewalDetail } from "../../src/domains/renewals/renewal-view.js";
import { api, bookWorld, counts, must, openRenewal, tokenLabel, type BookWorld } from "./renewal-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

const project = (id: string, body: Record<string, unknown>) => api(w, "PUT", `/api/v1/renewals/${id}/projection`, "ae", body);

// Moving the simulated clock runs every rule of every day: generous on a loaded machine.
describe("R3 projection", { timeout: 300_000 }, () => {
  it("R3 the AE projects the outcome: full churn 0, partial below, flat equal, incremental above the current ARR", async () => {
    const a = await openRenewal(w, { arr: 200_000 });
    const flat = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${a.renewalId}/projection`, "ae", { outcome: "flat" });
    expect(flat).toMatchObject({ projectedOutcome: "flat", projectedArr: 200_000, expectedArr: 200_000, arrAtRisk: 0, projectedBy: tokenLabel("ae") });

    const partial = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${a.renewalId}/projection`, "ae", { outcome: "partial_churn", projectedArr: 150_000, note: "Team B leaves" });
    expect(partial).toMatchObject({ projectedOutcome: "partial_churn", projectedArr: 150_000, expectedArr: 150_000, arrAtRisk: 50_000, projectionNote: "Team B leaves" });

    const full = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${a.renewalId}/projection`, "admin", { outcome: "full_churn" });
    expect(full).toMatchObject({ projectedArr: 0, expectedArr: 0, arrAtRisk: 200_000 });

    const up = await must<RenewalDetail>(w, "PUT", `/api/v1/renewals/${a.renewalId}/projection`, "ae", { outcome: "incremental", projectedArr: 260_000 });
    expect(up).toMatchObject({ projectedArr: 260_000, expectedArr: 260_000, arrAtRisk: 0 });
    expect(up.timeline.filter((e) => e.summary.startsWith("Projected"))).toHaveLength(4);
    expect(up.timeline[0]?.summary).toBe(`Projected Incremental at $260,000 (renewal ${up.renewalDate})`);
  });

  it("R3 a projection that contradicts its outcome is refused naming projectedArr, and changes nothing", async () => {
    const a = await openRenewal(w, { arr: 200_000 });
    const before = await counts(w);
    const cases: Record<string, unknown>[] = [
      { outcome: "full_churn", projectedArr: 10 },
      { outcome: "partial_churn", projectedArr: 200_000 },
      { outcome: "partial_churn" },
      { outcome: "flat", projectedArr: 199_999 },
      { outcome: "incremental", projectedArr: 200_000 },
      { outcome: "incremental" },
    ];
    for (const body of cases) {
      const res = await project(a.renewalId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues[0].path).toEqual(["body", "projectedArr"]);
    }
    expect((await project(a.renewalId, { outcome: "flat", projectedArr: -1 })).statusCode).toBe(400);
    expect((await project(a.renewalId, { outcome: "shrug" })).statusCode).toBe(400);
    expect((await api(w, "PUT", `/api/v1/renewals/${a.renewalId}/projection`, "ta", { outcome: "flat" })).statusCode).toBe(403);
    expect(await counts(w)).toEqual(before);
    const detail = await must<RenewalDetail>(w, "GET", `/api/v1/renewals/${a.renewalId}`, "ae");
    expect(detail.projectedOutcome).toBeNull();
  });
});
