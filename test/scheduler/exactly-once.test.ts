import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { advanceClock } from "../../src/platform/scheduler/advance-clock.js";
import { runDue } from "../../src/platform/scheduler/scheduler.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import type { TestContext } from "../support/test-context.js";
import { TERMINATION, WARNING, WEEKLY, expectedFirings, expectedWeeks } from "./trial-rules.js";
import { at, countFirings, countOf, days, duplicates, effects, trialWorld, type Effect } from "./scheduler-test-kit.js";

const admin = systemActor("test");
const opened: TestContext[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

async function world(count: number, options: Parameters<typeof trialWorld>[1] = {}) {
  const w = await trialWorld(count, options);
  opened.push(w.ctx);
  return w;
}

/** Every event happened exactly at its due time: the clock stopped there. */
const firedOnTime = (list: readonly Effect[]): boolean => list.every((e) => e.at === e.dueAt);

describe("scheduler: exactly once per (rule, record, period)", () => {
  it("fires each rule once per trial and period whether 200 days pass in many steps or one", async () => {
    const stepped = await world(12);
    const stepsMs = [days(1) / 24, days(20) / 24, days(3), days(36) / 24, days(7)];
    for (let i = 0; stepped.ctx.clock.now().getTime() < at(200).getTime(); i++) {
      const left = at(200).getTime() - stepped.ctx.clock.now().getTime();
      const by = Math.min(stepsMs[i % stepsMs.length] ?? days(1), left);
      await advanceClock(stepped.ctx, stepped.registry, { by, actor: admin });
    }
    const inSteps = await effects(stepped.ctx.db);

    const once = await world(12);
    const big = await advanceClock(once.ctx, once.registry, { by: days(200), actor: admin });
    const inOneStep = await effects(once.ctx.db);

    expect(duplicates(inSteps)).toEqual([]);
    expect(inOneStep).toEqual(inSteps);
    expect(firedOnTime(inSteps)).toBe(true);
    const trials = once.trials;
    expect(countOf(inSteps, "trial.unused_warning")).toBe(trials.length);
    expect(countOf(inSteps, "trial.terminated")).toBe(trials.length);
    expect(countOf(inSteps, "trial.weekly_check_in")).toBe(
      trials.reduce((n, t) => n + expectedWeeks(t.handedOffAt, at(200)), 0),
    );
    expect(big.fired).toEqual({
      [WARNING]: trials.length,
      [TERMINATION]: trials.length,
      [WEEKLY]: countOf(inSteps, "trial.weekly_check_in"),
    });
    expect(await countFirings(once.ctx.db)).toBe(inSteps.length);
  });

  it("fires a weekly rule once per trial per week, each at its Monday 00:00 UTC", async () => {
    const { ctx, trials, registry } = await world(3);
    await advanceClock(ctx, registry, { by: days(200), actor: admin });
    const weekly = (await effects(ctx.db)).filter((e) => e.kind === "trial.weekly_check_in");
    for (const t of trials) {
      const mine = weekly.filter((e) => e.subject === t.id);
      expect(mine).toHaveLength(expectedWeeks(t.handedOffAt, at(200)));
      expect(new Set(mine.map((e) => e.period)).size).toBe(mine.length);
      for (const e of mine) expect(e.at).toMatch(/T00:00:00\.000Z$/);
      expect(mine.every((e) => new Date(e.at).getUTCDay() === 1)).toBe(true);
    }
  });

  it("fires once when two runs race over the same due work", async () => {
    const { ctx, trials, registry } = await world(20);
    ctx.clock.set(at(200));
    const [a, b] = await Promise.all([
      runDue(ctx, registry, { workerId: "a" }),
      runDue(ctx, registry, { workerId: "b" }),
    ]);
    const list = await effects(ctx.db);
    expect(duplicates(list)).toEqual([]);
    // Warnings went out at day 200, so terminations (5 days after the warning) are not due yet.
    const expected = expectedFirings(trials, at(200), ctx.packs.current().trials.unusedWarningDays);
    expect(list).toHaveLength(expected);
    const firedBy = (s: typeof a) => Object.values(s.fired).reduce((x, y) => x + y, 0);
    expect(firedBy(a) + firedBy(b)).toBe(expected);
    expect(await countFirings(ctx.db)).toBe(expected);
  });

  it("rolls back a failed firing with its effects, and fires it on the next run", async () => {
    const failFor = new Set(["trial-001"]);
    const { ctx, registry } = await world(4, { failFor });
    const trialOne = (await sql<{ handed_off_at: Date }>`select handed_off_at from test_trials where id = 'trial-001'`.execute(ctx.db)).rows[0];
    ctx.clock.set(new Date((trialOne?.handed_off_at.getTime() ?? 0) + days(10)));

    const first = await runDue(ctx, registry, { workerId: "w" });
    expect(first.failed[WARNING]).toBe(1);
    const failedWarning = async () => ({
      firings: await ctx.db.selectFrom("scheduler_firings").select("id").where("rule_id", "=", WARNING).where("subject_id", "=", "trial-001").execute(),
      events: await ctx.db.selectFrom("timeline_events").select("id").where("subject_id", "=", "trial-001").where("kind", "=", "trial.unused_warning").execute(),
      outbox: await ctx.db.selectFrom("outbox").select("id").where("idempotency_key", "=", `${WARNING}:trial-001`).execute(),
      trial: (await sql<{ warned_at: Date | null }>`select warned_at from test_trials where id = 'trial-001'`.execute(ctx.db)).rows[0],
    });
    expect(await failedWarning()).toEqual({ firings: [], events: [], outbox: [], trial: { warned_at: null } });
    const othersAfterFirst = await effects(ctx.db);
    expect(othersAfterFirst.length).toBeGreaterThan(0); // the failure did not stop the other firings

    failFor.clear();
    const second = await runDue(ctx, registry, { workerId: "w" });
    expect(second.failed).toEqual({});
    expect(second.fired[WARNING]).toBe(1);
    const after = await failedWarning();
    expect([after.firings.length, after.events.length, after.outbox.length]).toEqual([1, 1, 1]);
    expect(after.trial?.warned_at).toEqual(ctx.clock.now());
    expect(duplicates(await effects(ctx.db))).toEqual([]);
  });

  it("keeps firing the other rules when one rule cannot be evaluated", async () => {
    const { ctx, registry } = await world(3);
    const broken = { id: "test.broken", description: "findDue fails", subjectType: "x", findDue: () => Promise.reject(new Error("bad SQL")), fire: () => Promise.resolve() };
    registry.add(broken);
    ctx.clock.set(at(200));
    const summary = await runDue(ctx, registry, { workerId: "w" });
    expect(summary.ruleErrors).toEqual(["test.broken"]);
    expect(summary.fired[WARNING]).toBe(3);
    expect(() => registry.add(broken)).toThrow(/registered twice/);
  });

  it("gives no second firing when the same due work is run again", async () => {
    const { ctx, registry } = await world(6);
    ctx.clock.set(at(100));
    const first = await runDue(ctx, registry, { workerId: "w" });
    const again = await runDue(ctx, registry, { workerId: "w" });
    expect(Object.keys(first.fired).length).toBeGreaterThan(0);
    expect(again.fired).toEqual({});
    expect(await countFirings(ctx.db)).toBe((await effects(ctx.db)).length);
  });
});
