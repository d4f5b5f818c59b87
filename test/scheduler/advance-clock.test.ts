import { afterEach, describe, expect, it } from "vitest";
import { SimulatedClock, SystemClock } from "../../src/platform/clock/clock.js";
import { AppError } from "../../src/platform/errors/app-error.js";
import { defaultPack } from "../../src/pack/default-pack.js";
import { validatePack } from "../../src/platform/pack/load-pack.js";
import { advanceClock, syncSimulatedClock } from "../../src/platform/scheduler/advance-clock.js";
import { runDue } from "../../src/platform/scheduler/scheduler.js";
import { readSimulatedNow } from "../../src/platform/scheduler/simulated-time.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import type { TestContext } from "../support/test-context.js";
import { insertTrials, WARNING } from "./trial-rules.js";
import { T0, at, countFirings, days, effects, trialWorld } from "./scheduler-test-kit.js";

const admin = systemActor("test admin");
const opened: TestContext[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});

async function world(count: number) {
  const w = await trialWorld(count);
  opened.push(w.ctx);
  return w;
}

describe("advanceClock", () => {
  it("is refused on a system clock, and changes nothing", async () => {
    const { ctx, registry } = await world(3);
    const real = { ...ctx, clock: new SystemClock() };
    const refused = advanceClock(real, registry, { by: days(30), actor: admin });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: "clock_not_simulated", status: 409 });
    expect(await readSimulatedNow(ctx.db)).toBeUndefined();
    expect(await countFirings(ctx.db)).toBe(0);
    expect(await ctx.db.selectFrom("audit_log").selectAll().execute()).toEqual([]);
  });

  it("refuses to go back in time or an unclear target", async () => {
    const { ctx, registry } = await world(1);
    for (const bad of [{ until: at(-1) }, { by: -1 }, { by: 1.5 }, {}, { by: 1, until: at(1) }]) {
      await expect(advanceClock(ctx, registry, { ...bad, actor: admin })).rejects.toMatchObject({ code: "validation_failed" });
    }
    expect(ctx.clock.now()).toEqual(T0);
    expect(await countFirings(ctx.db)).toBe(0);
  });

  it("fires a rule due from a date another rule writes in the same advance, each at its own time", async () => {
    const { ctx, trials, registry } = await world(6);
    await advanceClock(ctx, registry, { by: days(170), actor: admin }); // hand-offs span days 0–150
    const list = await effects(ctx.db);
    for (const t of trials) {
      const warned = list.find((e) => e.subject === t.id && e.kind === "trial.unused_warning");
      const terminated = list.find((e) => e.subject === t.id && e.kind === "trial.terminated");
      expect(warned?.at).toBe(new Date(t.handedOffAt.getTime() + days(10)).toISOString());
      expect(terminated?.at).toBe(new Date(t.handedOffAt.getTime() + days(15)).toISOString());
    }
    // Written in time order: each effect saw the clock at its own due time.
    const byId = await ctx.db.selectFrom("timeline_events").select(["at"]).orderBy("id").execute();
    const times = byId.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("stores the new now for other processes, audits the move, and calls afterStep at each stop", async () => {
    const { ctx, registry } = await world(2);
    const stops: string[] = [];
    const result = await advanceClock(ctx, registry, {
      by: days(30),
      actor: admin,
      reason: "demo",
      afterStep: async (now) => {
        stops.push(now.toISOString());
        expect(ctx.clock.now()).toEqual(now);
      },
    });
    expect(result).toMatchObject({ from: T0, to: at(30) });
    expect(ctx.clock.now()).toEqual(at(30));
    expect(await readSimulatedNow(ctx.db)).toEqual(at(30));
    expect(stops).toHaveLength(result.steps);
    expect(stops).toEqual([...stops].sort());
    expect(stops.at(-1)).toBe(at(30).toISOString());

    const audit = await ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "clock.advanced").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: "system", actor_label: "test admin", reason: "demo", at: at(30) });
    expect(audit[0]?.data).toMatchObject({ from: T0.toISOString(), to: at(30).toISOString() });

    // Another process on the same database: behind, it adopts the stored time; ahead, it keeps its own.
    const behind = { ...ctx, clock: new SimulatedClock(T0) };
    expect(await syncSimulatedClock(behind)).toEqual(at(30));
    const ahead = { ...ctx, clock: new SimulatedClock(at(40)) };
    expect(await syncSimulatedClock(ahead)).toEqual(at(40));
    // …and a later advance there starts from the shared time, not its stale one.
    const next = await advanceClock({ ...ctx, clock: new SimulatedClock(T0) }, registry, { by: days(1), actor: admin });
    expect(next).toMatchObject({ from: at(30), to: at(31) });
  });

  it("records the pack version in force when each occurrence was due", async () => {
    const { ctx, registry } = await world(0);
    const next = validatePack({ ...defaultPack, version: "2026.12.01", effectiveAt: at(50).toISOString() }, "test");
    await ctx.packs.init(ctx.db, next, "test");
    await insertTrials(ctx.db, [
      { id: "early", handedOffAt: T0 },
      { id: "late", handedOffAt: at(60) },
    ]);
    // A worker that was down until day 100 still credits the version of each due time.
    ctx.clock.set(at(100));
    await runDue(ctx, registry, { workerId: "w" });
    const warnings = await ctx.db
      .selectFrom("timeline_events")
      .select(["subject_id", "pack_version", "rule_id", "actor_type"])
      .where("kind", "=", "trial.unused_warning")
      .orderBy("subject_id")
      .execute();
    expect(warnings).toEqual([
      { subject_id: "early", pack_version: defaultPack.version, rule_id: WARNING, actor_type: "rule" },
      { subject_id: "late", pack_version: "2026.12.01", rule_id: WARNING, actor_type: "rule" },
    ]);
    const firings = await ctx.db.selectFrom("scheduler_firings").select(["subject_id", "pack_version"]).where("rule_id", "=", WARNING).orderBy("subject_id").execute();
    expect(firings.map((f) => f.pack_version)).toEqual([defaultPack.version, "2026.12.01"]);
  });
});
