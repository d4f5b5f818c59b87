import { afterEach, describe, expect, it } from "vitest";
import { Scheduler } from "../../src/platform/scheduler/scheduler.js";
import type { TestContext } from "../support/test-context.js";
import { TERMINATION, WARNING, WEEKLY, expectedWeeks } from "./trial-rules.js";
import { at, countFirings, duplicates, effects, trialWorld } from "./scheduler-test-kit.js";

const HOUR = 3_600_000;
const opened: TestContext[] = [];
const started: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

async function world(count: number, options: Parameters<typeof trialWorld>[1] = {}) {
  const w = await trialWorld(count, options);
  opened.push(w.ctx);
  return w;
}

function scheduler(...args: ConstructorParameters<typeof Scheduler>): Scheduler {
  const s = new Scheduler(...args);
  started.push(s);
  return s;
}

describe("Scheduler", () => {
  it("catches up on every period missed while it was stopped, at start", async () => {
    const { ctx, trials, registry } = await world(8);
    ctx.clock.set(at(20));
    // A long interval: only the run at start happens during the test.
    const before = scheduler(ctx, registry, { workerId: "before", intervalMs: HOUR });
    await before.start();
    await before.stop();
    const firedBefore = await countFirings(ctx.db);

    ctx.clock.set(at(120)); // 100 days of downtime: nothing ran
    const after = scheduler(ctx, registry, { workerId: "after", intervalMs: HOUR });
    const catchUp = await after.start();

    expect(firedBefore).toBeGreaterThan(0);
    const warned = trials.filter((t) => t.handedOffAt.getTime() + 10 * 24 * HOUR <= at(120).getTime());
    expect(catchUp.fired[WARNING] ?? 0).toBe(warned.length - (await countWarnedAt(ctx, "before")));
    const weeks = trials.reduce((n, t) => n + expectedWeeks(t.handedOffAt, at(120)), 0);
    expect(await countFirings(ctx.db, WEEKLY)).toBe(weeks);
    // A termination is due 5 days after its warning went out (day 20): caught up too.
    expect(catchUp.fired[TERMINATION]).toBe(await countWarnedAt(ctx, "before"));
    expect(duplicates(await effects(ctx.db))).toEqual([]);

    // Caught up in the order they fell due; each keeps its due time and says when it was made.
    const caughtUp = await ctx.db.selectFrom("scheduler_firings").selectAll().where("worker", "=", "after").orderBy("id").execute();
    const dueTimes = caughtUp.map((f) => f.due_at.getTime());
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));
    expect(caughtUp.filter((f) => f.rule_id === WEEKLY).length).toBeGreaterThan(0);
    for (const f of caughtUp) {
      expect(f.due_at.getTime()).toBeLessThanOrEqual(at(120).getTime());
      expect(f.fired_at).toEqual(at(120));
    }
  });

  it("records when each rule was last evaluated", async () => {
    const { ctx, registry } = await world(2);
    ctx.clock.set(at(3));
    const s = scheduler(ctx, registry, { workerId: "w", intervalMs: HOUR });
    await s.start();
    const runs = await ctx.db.selectFrom("scheduler_runs").selectAll().orderBy("rule_id").execute();
    expect(runs).toEqual([TERMINATION, WARNING, WEEKLY].sort().map((rule_id) => ({ rule_id, last_evaluated_at: at(3) })));
  });

  it("finishes the firing in progress when stopped, and starts no other", async () => {
    let reached!: () => void;
    const inFire = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const { ctx, registry } = await world(6, {
      beforeFire: async () => {
        calls++;
        reached();
        await gate;
      },
    });
    ctx.clock.set(at(200));
    const s = scheduler(ctx, registry, { workerId: "w", intervalMs: HOUR });
    const starting = s.start();
    await inFire;
    const stopping = s.stop();
    release();
    const [summary] = await Promise.all([starting, stopping]);

    expect(calls).toBe(1);
    expect(Object.values(summary.fired)).toEqual([1]);
    expect(await countFirings(ctx.db)).toBe(1);
    expect(await effects(ctx.db)).toHaveLength(1);
    expect(s.running).toBe(false);
  });

  it("runs again every interval until stopped", async () => {
    const { ctx, registry } = await world(4);
    const s = scheduler(ctx, registry, { workerId: "w", intervalMs: 20 });
    const first = await s.start();
    expect(first.fired).toEqual({});
    ctx.clock.set(at(200)); // the next tick finds the work; no test sleeps, it polls the database
    await waitUntil(async () => (await countFirings(ctx.db, WARNING)) === 4);
    await s.stop();
    expect(duplicates(await effects(ctx.db))).toEqual([]);
  });
});

async function countWarnedAt(ctx: TestContext, worker: string): Promise<number> {
  const rows = await ctx.db.selectFrom("scheduler_firings").select("id").where("rule_id", "=", WARNING).where("worker", "=", worker).execute();
  return rows.length;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
