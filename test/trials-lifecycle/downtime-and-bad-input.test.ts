import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDue } from "../../src/platform/scheduler/scheduler.js";
import { allRules } from "../../src/runtime/rules.js";
import { asRole, sendPing } from "../usage/usage-fixtures.js";
import { advance, DAY_MS, firings, handedOffTrial, lifecycleWorld, mailTo, snapshot, trialRow, type LifecycleWorld } from "./fixtures.js";

let w: LifecycleWorld;
beforeAll(async () => {
  w = await lifecycleWorld();
});
afterAll(async () => {
  await w.close();
});

const RULES = ["T7.onboarding-email", "T9.warning", "T9.terminate", "T10.trial-end", "T10.decision-escalation"];

async function firingCounts(trialId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const rule of RULES) out[rule] = (await firings(w, rule, trialId)).map((f) => f.period_key);
  return out;
}

describe("trial rules after downtime", () => {
  it("rules fire exactly once after downtime (advance 40 days in one go)", async () => {
    const unused = await handedOffTrial(w);
    const used = await handedOffTrial(w, { aeUserId: w.ae.id });
    expect((await sendPing(w.server, used.ingestToken, { codeHostsConfigured: 1 })).statusCode).toBe(202);

    await advance(w, 40);
    const ends = `${new Date(used.handedOffAt.getTime() + 30 * DAY_MS).toISOString().slice(0, 19)}Z`;
    expect(await firingCounts(unused.trialId)).toEqual({
      "T7.onboarding-email": ["day-2", "day-5"],
      "T9.warning": ["once"],
      "T9.terminate": ["once"],
      "T10.trial-end": [],
      "T10.decision-escalation": [],
    });
    expect(await firingCounts(used.trialId)).toEqual({
      "T7.onboarding-email": ["day-2", "day-5", "day-20"],
      "T9.warning": [],
      "T9.terminate": [],
      "T10.trial-end": [ends],
      "T10.decision-escalation": [ends],
    });
    expect(mailTo(w, unused.adminEmail)).toHaveLength(4); // 2 onboarding, warning, terminated
    expect(mailTo(w, used.adminEmail)).toHaveLength(3);

    const before = await snapshot(w);
    const counts = [await firingCounts(unused.trialId), await firingCounts(used.trialId)];
    await advance(w, 40);
    expect([await firingCounts(unused.trialId), await firingCounts(used.trialId)]).toEqual(counts);
    const after = await snapshot(w);
    expect(after.outbox).toBe(before.outbox);
    expect(after.trials).toEqual(before.trials);
  });

  it("T9 after real downtime still gives the warning's notice before terminating", async () => {
    const t = await handedOffTrial(w);
    // The scheduler was down for 40 days: it wakes once, with everything overdue at the same time.
    w.server.ctx.clock.advance(40 * DAY_MS);
    await runDue(w.server.ctx, allRules(), { workerId: "test-catch-up" });
    const warned = await trialRow(w, t.trialId);
    expect(warned.warning_sent_at).toEqual(w.server.ctx.clock.now());
    expect(warned.state).toBe("ended"); // T10 caught up too
    await advance(w, 4.9);
    expect((await trialRow(w, t.trialId)).state).toBe("ended");
    await advance(w, 0.2);
    const trial = await trialRow(w, t.trialId);
    expect(trial.state).toBe("terminated");
    expect(trial.closed_at).toEqual(new Date((warned.warning_sent_at as Date).getTime() + 5 * DAY_MS));
  });
});

describe("lifecycle bad input", () => {
  const post = async (url: string, payload: unknown, role: Parameters<typeof asRole>[1] = "growth") =>
    w.server.app.inject({ method: "POST", url, headers: await asRole(w.server, role), payload: payload as Record<string, unknown> });
  const err = (res: { statusCode: number; json(): unknown }) => {
    const body = res.json() as { error: { code: string; details?: { issues?: { path: string[] }[] } } };
    return { status: res.statusCode, code: body.error.code, fields: (body.error.details?.issues ?? []).map((i) => i.path.join(".")) };
  };

  it("refuses bad decisions with 400 naming the field, 403, 404 or 409, and changes nothing", async () => {
    const t = await handedOffTrial(w);
    const url = `/api/v1/trials/${t.trialId}/decision`;
    const before = await snapshot(w);
    expect(err(await post(url, { decision: "maybe" }))).toMatchObject({ status: 400, code: "validation_failed", fields: ["body.decision"] });
    expect(err(await post(url, { decision: "extend", days: 0 }))).toMatchObject({ status: 400, fields: ["body.days"] });
    expect(err(await post(url, { decision: "extend", days: 4000 }))).toMatchObject({ status: 400, fields: ["body.days"] });
    expect(err(await post(url, { decision: "convert", userCount: -1 }))).toMatchObject({ status: 400, fields: ["body.userCount"] });
    expect(err(await post(url, { decision: "convert", userCount: 10, expiresAt: "next year" }))).toMatchObject({ status: 400, fields: ["body.expiresAt"] });
    expect(err(await post(url, { decision: "extend" }, "sales_ops"))).toMatchObject({ status: 403, code: "forbidden" });
    expect(err(await post(url, { decision: "terminate" }, "leadership"))).toMatchObject({ status: 403 });
    expect(err(await post("/api/v1/trials/00000000-0000-4000-8000-000000000000/decision", { decision: "extend" }))).toMatchObject({ status: 404, code: "not_found" });
    expect(err(await post(`/api/v1/trials/${t.trialId}/admin-answered`, { note: "  " }))).toMatchObject({ status: 400, fields: ["body.note"] });
    expect(await snapshot(w)).toEqual(before);

    // A PQL without the production license's terms: 400 on the missing field, nothing converted.
    expect((await sendPing(w.server, t.ingestToken, { totalUsers: 60 })).statusCode).toBe(202);
    const pql = await snapshot(w);
    expect(err(await post(url, { decision: "convert", expiresAt: "2027-01-01T00:00:00Z" }, "sales_ops"))).toMatchObject({ status: 400, fields: ["body.userCount"] });
    expect(err(await post(url, { decision: "convert", userCount: 5, expiresAt: "2020-01-01T00:00:00Z" }, "sales_ops"))).toMatchObject({ status: 400, fields: ["body.expiresAt"] });
    expect(await snapshot(w)).toEqual(pql);

    // Closed trials take no decision.
    expect((await post(url, { decision: "terminate" })).statusCode).toBe(200);
    const closed = await snapshot(w);
    for (const decision of ["extend", "terminate", "convert"]) {
      expect(err(await post(url, { decision, userCount: 5, expiresAt: "2027-01-01T00:00:00Z" }, "admin"))).toMatchObject({ status: 409, code: "invalid_state" });
    }
    expect(err(await post(`/api/v1/trials/${t.trialId}/admin-answered`, { note: "too late" }))).toMatchObject({ status: 409, code: "invalid_state" });
    expect(await snapshot(w)).toEqual(closed);
  });

  it("refuses bad claims and bookings, and changes nothing", async () => {
    const t = await handedOffTrial(w, { status: "pql" });
    const before = await snapshot(w);
    expect(err(await post(`/api/v1/leads/${t.leadId}/claim`, { aeUserId: w.growth.id }, "admin"))).toMatchObject({ status: 400, fields: ["body.aeUserId"] });
    expect(err(await post(`/api/v1/leads/${t.leadId}/claim`, { aeUserId: "not-a-uuid" }, "admin"))).toMatchObject({ status: 400, fields: ["body.aeUserId"] });
    expect(err(await post(`/api/v1/leads/${t.leadId}/claim`, {}, "sdr"))).toMatchObject({ status: 403 });
    const booking = `/api/v1/leads/${t.leadId}/ce-booking`;
    expect(err(await post(booking, { bookedFor: "tomorrow" }, "sdr"))).toMatchObject({ status: 400, fields: ["body.bookedFor"] });
    expect(err(await post(booking, {}, "sdr"))).toMatchObject({ status: 400, fields: ["body.bookedFor"] });
    expect(err(await post(booking, { bookedFor: "2026-03-01T10:00:00Z", ceUserId: w.growth.id }, "sdr"))).toMatchObject({ status: 400, fields: ["body.ceUserId"] });
    expect(err(await post("/api/v1/leads/00000000-0000-4000-8000-000000000000/ce-booking", { bookedFor: "2026-03-01T10:00:00Z" }, "sdr"))).toMatchObject({ status: 404 });
    expect(err(await post(booking, { bookedFor: "2026-03-01T10:00:00Z" }, "ae"))).toMatchObject({ status: 403 });
    expect(await snapshot(w)).toEqual(before);
  });
});
