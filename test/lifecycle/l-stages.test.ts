import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountRow,
  addInstance,
  advance,
  assignTa,
  bookWorld,
  call,
  closeAccount,
  counts,
  daysFromToday,
  feedMessages,
  mailAbout,
  makeAccount,
  setSupportLevel,
  setUsage,
  stageHistory,
  type BookWorld,
} from "../handoff/book-fixtures.js";

let w: BookWorld;
beforeAll(async () => {
  w = await bookWorld();
});
afterAll(async () => {
  await w.close();
});

let slug = 0;
/** A customer closed `daysAgo` days ago with one production instance (its usage is set by setUsage). */
async function customer(o: { daysAgo?: number; seats?: number; contractEnd?: string } = {}): Promise<{ id: string; name: string; instanceId: string }> {
  const a = await makeAccount(w);
  await setSupportLevel(w, a.id);
  await assignTa(w, a.id, w.ta.id);
  slug += 1;
  const instanceId = await addInstance(w, a.id, { slug: `life${slug}` });
  const closedOn = daysFromToday(w, -(o.daysAgo ?? 0));
  await closeAccount(w, a.id, { closedOn, contractStart: closedOn, seats: o.seats ?? 100, ...(o.contractEnd ? { contractEnd: o.contractEnd } : {}) });
  return { ...a, instanceId };
}

const stageOf = async (id: string) => (await accountRow(w, id)).stage;
const tomorrow = () => daysFromToday(w, 1);

describe("L lifecycle stages", () => {
  it("L2 Onboarding for 60 days from close: day 59 still onboarding, day 60 adopting (L.evaluate)", async () => {
    const a = await customer();
    expect(await stageOf(a.id)).toBe("1. Onboarding");
    await advance(w, 59);
    expect(await stageOf(a.id)).toBe("1. Onboarding");
    await advance(w, 1);
    const row = await accountRow(w, a.id);
    expect(row.stage).toBe("2. Adopting");
    expect(row.stage_reason).toContain("Onboarding ended on");
    const history = await stageHistory(w, a.id);
    expect(history.map((h) => [h.from_stage, h.to_stage, h.rule_id])).toEqual([
      [null, "0. Prospect", null],
      ["0. Prospect", "1. Onboarding", null],
      ["1. Onboarding", "2. Adopting", "L.evaluate"],
    ]);
  });

  it("L3/L4 DAU/MAU 0.29 stays Adopting, 0.30 moves to Nurturing, and Nurturing holds when usage drops", async () => {
    const a = await customer({ daysAgo: 70, seats: 100 });
    expect(await stageOf(a.id)).toBe("2. Adopting");
    await setUsage(w, a.instanceId, { mau: 100, dau: 29, asOf: tomorrow() });
    await advance(w, 1);
    const adopting = await accountRow(w, a.id);
    expect(adopting).toMatchObject({ stage: "2. Adopting", usage_mau: 100, usage_dau_avg: 29, usage_mau_per_seat: 1, usage_dau_per_mau: 0.29, targets_met_at: null });

    await setUsage(w, a.instanceId, { mau: 100, dau: 30, asOf: tomorrow() });
    await advance(w, 1);
    const nurturing = await accountRow(w, a.id);
    expect(nurturing.stage).toBe("3. Nurturing");
    expect(nurturing.stage_reason).toBe("DAU/MAU 0.30 ≥ 0.3 and MAU/seats 1.00 ≥ 0.8");
    expect(nurturing.targets_met_at).not.toBeNull();

    await setUsage(w, a.instanceId, { mau: 20, dau: 1, asOf: tomorrow() });
    await advance(w, 1);
    expect(await stageOf(a.id)).toBe("3. Nurturing");
  });

  it("L3 MAU/seats 0.79 stays Adopting, 0.80 moves to Nurturing", async () => {
    const a = await customer({ daysAgo: 70, seats: 100 });
    await setUsage(w, a.instanceId, { mau: 79, dau: 40, asOf: tomorrow() });
    await advance(w, 1);
    expect(await accountRow(w, a.id)).toMatchObject({ stage: "2. Adopting", usage_mau_per_seat: 0.79 });
    expect((await accountRow(w, a.id)).stage_reason).toContain("Onboarding ended on");

    await setUsage(w, a.instanceId, { mau: 80, dau: 40, asOf: tomorrow() });
    await advance(w, 1);
    expect(await accountRow(w, a.id)).toMatchObject({ stage: "3. Nurturing", usage_mau_per_seat: 0.8 });
  });

  it("L5 Renewing from 120 days before the renewal date takes precedence", async () => {
    const a = await customer({ daysAgo: 200, seats: 10, contractEnd: daysFromToday(w, 121) });
    await setUsage(w, a.instanceId, { mau: 10, dau: 9, asOf: tomorrow() });
    expect(await stageOf(a.id)).toBe("2. Adopting");
    await advance(w, 1); // 120 days before renewal; the targets are met the same day, Renewing wins
    const row = await accountRow(w, a.id);
    expect(row.stage).toBe("4. Renewing");
    expect(row.stage_reason).toContain("is 120 days away");
  });

  it("L a manual stage is kept until cleared, then the computed stage applies again", async () => {
    const a = await customer();
    const set = await call(w, "POST", `/api/v1/accounts/${a.id}/stage-override`, "leadership", { stage: "adopting", reason: "Fast start: already rolled out" });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ stage: "2. Adopting", stageOverridden: true, stageOverride: { stage: "2. Adopting", reason: "Fast start: already rolled out" } });

    await advance(w, 2);
    expect(await stageOf(a.id)).toBe("2. Adopting");

    const cleared = await call(w, "DELETE", `/api/v1/accounts/${a.id}/stage-override`, "ta");
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ stage: "1. Onboarding", stageOverridden: false, stageOverride: null });
    expect(cleared.json().stageReason).toContain("onboarding for 60 days");
    const history = (await stageHistory(w, a.id)).slice(-2);
    expect(history.map((h) => [h.from_stage, h.to_stage, h.manual])).toEqual([
      ["1. Onboarding", "2. Adopting", true],
      ["2. Adopting", "1. Onboarding", false],
    ]);
  });

  it("L stage overrides: an AE gets 403, an unknown stage 400, an account outside the book 409", async () => {
    const a = await makeAccount(w);
    const before = await counts(w);
    expect((await call(w, "POST", `/api/v1/accounts/${a.id}/stage-override`, "ae", { stage: "adopting", reason: "x" })).statusCode).toBe(403);
    const bad = await call(w, "POST", `/api/v1/accounts/${a.id}/stage-override`, "leadership", { stage: "Thriving", reason: "x" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(["body", "stage"]);
    const outside = await call(w, "POST", `/api/v1/accounts/${a.id}/stage-override`, "leadership", { stage: "2. Adopting", reason: "x" });
    expect(outside.statusCode).toBe(409);
    expect(await counts(w)).toEqual(before);
  });
});

describe("L2 onboarding target", () => {
  it("L2 flags a miss at day 60 when MAU/seats is under 0.5, emails the TA and alerts; a hit is not flagged", async () => {
    const miss = await customer({ seats: 100 });
    const hit = await customer({ seats: 100 });
    const recordedLate = await customer({ seats: 100, daysAgo: 70 }); // onboarding ended before it was in the book
    await advance(w, 59);
    await setUsage(w, miss.instanceId, { mau: 49, dau: 10, asOf: tomorrow() });
    await setUsage(w, hit.instanceId, { mau: 50, dau: 10, asOf: tomorrow() });
    expect((await accountRow(w, miss.id)).onboarding_target_missed_at).toBeNull();
    await advance(w, 1);
    expect((await accountRow(w, miss.id)).onboarding_target_missed_at).not.toBeNull();
    expect((await accountRow(w, hit.id)).onboarding_target_missed_at).toBeNull();
    expect((await accountRow(w, recordedLate.id)).onboarding_target_missed_at).toBeNull();
    const mail = mailAbout(w, w.ta.email, `${miss.name} missed its onboarding target`);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain("MAU/seats at 0.49, under the 0.5 target");
    expect((await feedMessages(w, "#customer-success-alerts", miss.id)).map((m) => m.rule_id)).toContain("L2.onboarding-target");
    expect(mailAbout(w, w.ta.email, `${hit.name} missed its onboarding target`)).toHaveLength(0);
  });
});
