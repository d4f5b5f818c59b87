import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { advanceClock } from "../../src/platform/scheduler/advance-clock.js";
import { createRuleRegistry } from "../../src/platform/scheduler/scheduled-rule.js";
import { storeSimulatedNow } from "../../src/platform/scheduler/simulated-time.js";
import { systemActor } from "../../src/platform/timeline/actor.js";
import { testEngine, type TestContext } from "../support/test-context.js";
import { WARNING, WEEKLY, expectedFirings } from "./trial-rules.js";
import { at, countFirings, duplicates, effects, trialWorld } from "./scheduler-test-kit.js";

const WORKER_SCRIPT = join(process.cwd(), "test", "support", "scheduler-worker-process.ts");
const admin = systemActor("test");

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<number | null>;
  output: () => string;
}

function spawnWorker(databaseUrl: string, workerId: string): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER_SCRIPT, databaseUrl, workerId], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", () => out.includes("ready\n") && resolve());
    void exited.then((code) => reject(new Error(`worker ${workerId} exited (${code}) before ready:\n${out}`)));
  });
  return { child, ready, exited, output: () => out };
}

const workers: Worker[] = [];
let ctx: TestContext | undefined;
afterEach(async () => {
  for (const w of workers.splice(0)) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await w.exited;
  }
  await ctx?.close();
  ctx = undefined;
});

describe("scheduler across processes", () => {
  // PGlite is one process's embedded database: several processes need PostgreSQL.
  it.skipIf(testEngine() === "pglite")(
    "two worker processes share the work, fire each (rule, trial, period) once, and one carries on when the other dies",
    async () => {
      const world = await trialWorld(30);
      ctx = world.ctx;
      const db = world.ctx.db;
      const url = world.ctx.database.url;
      if (!url) throw new Error("the postgres test database has no URL");
      await storeSimulatedNow(db, world.ctx.clock.now()); // the workers start from the test's now
      const w1 = spawnWorker(url, "w1");
      const w2 = spawnWorker(url, "w2");
      workers.push(w1, w2);
      await Promise.all([w1.ready, w2.ready]);

      // This process only moves time (as `trellis clock advance` with no rules would); the
      // workers notice it on their next tick and do all the firing.
      const noRules = createRuleRegistry();
      const warningDays = world.ctx.packs.current().trials.unusedWarningDays;
      const dueBy = (day: number) => expectedFirings(world.trials, at(day), warningDays);
      const firedSoFar = async () => (await countFirings(db, WARNING)) + (await countFirings(db, WEEKLY));
      const moveTo = async (day: number, settle = true) => {
        await advanceClock(world.ctx, noRules, { until: at(day), actor: admin });
        if (settle) await waitUntil(async () => (await firedSoFar()) >= dueBy(day), () => w1.output() + w2.output());
      };

      for (let day = 5; day <= 150; day += 5) await moveTo(day);
      expect(await firedSoFar()).toBe(dueBy(150));
      const byWorker = await firingsByWorker(world.ctx);
      expect(Object.keys(byWorker).sort()).toEqual(["w1", "w2"]); // both did some of the work

      // Kill w1 while there is work to do (maybe in the middle of a firing: its transaction
      // then rolls back and the firing is left to w2).
      await moveTo(165, false);
      await waitUntil(async () => (await firedSoFar()) > dueBy(150), () => w2.output());
      w1.child.kill("SIGKILL");
      await w1.exited;
      const w1Total = (await firingsByWorker(world.ctx)).w1 ?? 0;

      for (let day = 165; day <= 200; day += 5) await moveTo(day);
      expect(await firedSoFar()).toBe(dueBy(200));
      expect((await firingsByWorker(world.ctx)).w1).toBe(w1Total);
      const list = await effects(db);
      expect(duplicates(list)).toEqual([]);
      expect(list).toHaveLength(await countFirings(db));

      w2.child.kill("SIGTERM"); // graceful: finishes the firing in progress, exits 0
      expect(await w2.exited).toBe(0);
    },
    120_000,
  );
});

async function firingsByWorker(c: TestContext): Promise<Record<string, number>> {
  const rows = await c.db.selectFrom("scheduler_firings").select(["worker", sql<number>`count(*)`.as("n")]).groupBy("worker").execute();
  return Object.fromEntries(rows.map((r) => [r.worker, r.n]));
}

/** Polls the database; the deadline only bounds a broken run, it is not what the test measures. */
async function waitUntil(check: () => Promise<boolean>, diagnostics: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`workers did not catch up in time:\n${diagnostics()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
