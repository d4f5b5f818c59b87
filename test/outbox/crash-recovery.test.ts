import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTestContext, testEngine, type TestContext } from "../support/test-context.js";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.js";
import { attemptRows, emit, endpointFor, outboxRow, workerFor } from "./outbox-fixtures.js";

const CHILD = fileURLToPath(new URL("../support/outbox-worker-process.ts", import.meta.url));
const LEASE_SECONDS = 30;

let ctx: TestContext | undefined;
let receiver: WebhookReceiver | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = undefined;
  await ctx?.close();
  await receiver?.close();
  ctx = undefined;
  receiver = undefined;
});

function exited(p: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(p.signalCode ?? p.exitCode);
  return new Promise((resolve) => p.once("exit", (code, signal) => resolve(signal ?? code)));
}

describe("crash recovery", () => {
  it.skipIf(testEngine() === "pglite")(
    "a worker process killed mid-delivery loses nothing: another worker takes the row back after the lease and the receiver dedupes (PostgreSQL only: PGlite is single-process)",
    async () => {
      receiver = await startWebhookReceiver();
      ctx = await createTestContext({ config: { outboundAllowList: ["127.0.0.1"] } });
      const c = ctx;
      const r = receiver;
      await endpointFor(c, r);
      r.script([{ hold: true }]); // the receiver processes the first request but never answers it
      const [id = -1] = await emit(c, "crash:1", "lead.created", { leadId: "L1" });

      child = spawn(process.execPath, ["--import", "tsx", CHILD], {
        env: {
          ...process.env,
          TRELLIS_TEST_DATABASE_URL: c.database.url,
          TRELLIS_TEST_CLOCK_AT: c.clock.now().toISOString(),
          TRELLIS_TEST_WORKER_ID: "child-worker",
          TRELLIS_TEST_LEASE_SECONDS: String(LEASE_SECONDS),
          TRELLIS_OUTBOUND_ALLOW: "127.0.0.1",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
      const died = exited(child).then((how) => {
        throw new Error(`the worker process exited early (${String(how)}): ${stderr}`);
      });
      died.catch(() => undefined);
      await Promise.race([r.waitFor((q) => q.some((x) => x.status === "held"), 30_000), died]);

      // The child holds the lease while the receiver holds its request.
      expect(await outboxRow(c, id)).toMatchObject({ status: "sending", lease_owner: "child-worker", attempts: 1 });
      const rescuer = workerFor(c, { workerId: "rescuer" });
      expect(await rescuer.runOnce()).toMatchObject({ claimed: 0 });

      const proc = child;
      proc.kill("SIGKILL");
      expect(await exited(proc)).toBe("SIGKILL");
      expect(await outboxRow(c, id)).toMatchObject({ status: "sending", lease_owner: "child-worker" });

      c.clock.advance((LEASE_SECONDS - 1) * 1000);
      expect(await rescuer.runOnce()).toMatchObject({ claimed: 0 }); // lease not yet expired
      c.clock.advance(2000);
      expect(await rescuer.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });

      expect(await outboxRow(c, id)).toMatchObject({ status: "delivered", attempts: 2, lease_owner: null });
      const attempts = await attemptRows(c, id);
      expect(attempts.map((a) => [a.attempt, a.worker, a.outcome])).toEqual([
        [1, "child-worker", "lease_lost"],
        [2, "rescuer", "delivered"],
      ]);
      expect(r.requests).toHaveLength(2);
      expect(r.requests.every((q) => q.verified)).toBe(true);
      expect(r.requests[1]?.id).toBe(r.requests[0]?.id);
      expect(r.requests.map((q) => q.duplicate)).toEqual([false, true]);
      expect(r.processedIds()).toHaveLength(1);
    },
  );
});
